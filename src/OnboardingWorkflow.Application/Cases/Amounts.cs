using System.Text.Json;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Cases;

/// <summary>Amounts as the approval rules read them: a typed task field, and the approved limit an archive entry recorded.</summary>
public static class Amounts
{
    /// <summary>The value of an amount field after the contract check (a decimal), or null when it was not sent.</summary>
    public static decimal? Field(IReadOnlyDictionary<string, object?> variables, string field) => variables.GetValueOrDefault(field) switch
    {
        null => null,
        decimal m => m,
        long l => l,
        int i => i,
        double d when double.IsFinite(d) && Math.Abs(d) < 1e15 => (decimal)d,
        _ => throw AppException.InvalidField(field, FieldText.Format(FieldText.Keys.NotAnAmount)),
    };

    /// <summary>The approved limit an approval recorded in its archive data; null when it recorded none.</summary>
    public static decimal? Recorded(CreditDecision decision, string field) =>
        decision.DataJson is { } json && JsonDocument.Parse(json).RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDecimal()
            : null;

    /// <summary>The lowest approved limit among approvals: a committee grants what all its approvers accepted.</summary>
    public static decimal? LowestApproved(IEnumerable<CreditDecision> approvals, string field) =>
        approvals.Select(a => Recorded(a, field)).Where(l => l is not null).Min();
}
