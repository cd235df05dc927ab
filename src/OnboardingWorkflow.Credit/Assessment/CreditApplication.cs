using System.Text.Json;
using OnboardingWorkflow.Credit.Limits;
using OnboardingWorkflow.Credit.Statements;

namespace OnboardingWorkflow.Credit.Assessment;

/// <summary>
/// Everything scored for one customer: identity, statements, business facts (litigation, days
/// beyond terms, negative-list hits ...), questionnaire answers, raw characteristics for fitted
/// policies, and the limit request.
/// </summary>
public sealed record CreditApplication
{
    public required CustomerInfo Customer { get; init; }

    /// <summary>The date the assessment speaks for; years in business and the next review count from it.</summary>
    public required DateOnly AsOf { get; init; }

    public FinancialStatements? Statements { get; init; }

    public IReadOnlyDictionary<string, JsonElement>? Facts { get; init; }

    /// <summary>Answers of the expert questionnaire; scored as <c>answer.&lt;question&gt;</c>.</summary>
    public IReadOnlyDictionary<string, string>? Questionnaire { get; init; }

    /// <summary>Values given directly under a characteristic's key, e.g. the ratio columns of a fitted policy.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Characteristics { get; init; }

    public LimitRequest Request { get; init; } = new();
}

public sealed record CustomerInfo
{
    public required string Name { get; init; }
    public string? RegistrationNumber { get; init; }
    public DateOnly? FoundedOn { get; init; }
    public string? Industry { get; init; }
}
