using System.Globalization;
using System.Text.Json;
using OnboardingWorkflow.Application.Receivables;

namespace OnboardingWorkflow.Application.Remediation;

/// <summary>One instalment as a person sends it: the due day and the amount.</summary>
public sealed record InstalmentInput(DateOnly? DueDate, decimal? Amount);

/// <summary>One instalment of a checked plan: due day and amount in minor units.</summary>
public sealed record PlannedInstalment(DateOnly DueDate, long AmountMinor);

/// <summary>
/// The rules of a payment plan, pure: between one and <see cref="RemediationOptions.MaxInstalments"/>
/// instalments, each due after today (at most <see cref="RemediationOptions.MaxPlanDays"/> ahead)
/// in strictly increasing order, each amount above zero in whole hundredths; the total must equal
/// what the plan covers. Also the allocation of payments to the instalments, in order.
/// </summary>
public static class PaymentPlan
{
    public const string Field = "instalments";

    public static IReadOnlyList<PlannedInstalment> Check(InputRules rules, IReadOnlyList<InstalmentInput>? instalments, DateOnly today, RemediationOptions options)
    {
        if (instalments is null || instalments.Count == 0)
        {
            rules.Add(Field, FieldText.Format(FieldText.Keys.PlanEmpty));
            return [];
        }

        if (instalments.Count > options.MaxInstalments)
        {
            rules.Add(Field, FieldText.Format(FieldText.Keys.PlanTooLong, options.MaxInstalments, instalments.Count));
            return [];
        }

        var plan = new List<PlannedInstalment>();
        var latest = today.AddDays(options.MaxPlanDays);
        DateOnly? previous = null;
        for (var i = 0; i < instalments.Count; i++)
        {
            var field = $"{Field}[{i}]";
            var (due, amount) = (instalments[i].DueDate, instalments[i].Amount);
            if (due is not { } day)
            {
                rules.Add($"{field}.dueDate", FieldText.Format(FieldText.Keys.Required));
            }
            else if (day <= today || day > latest)
            {
                rules.Add($"{field}.dueDate", FieldText.Format(FieldText.Keys.InstalmentDateOutOfRange, Day(today.AddDays(1)), Day(latest)));
            }
            else if (previous is { } before && day <= before)
            {
                rules.Add($"{field}.dueDate", FieldText.Format(FieldText.Keys.InstalmentDatesNotIncreasing, Day(before)));
            }

            if (amount is not { } value)
            {
                rules.Add($"{field}.amount", FieldText.Format(FieldText.Keys.Required));
            }
            else if (Money.Check(rules, $"{field}.amount", value) && due is { } ok)
            {
                plan.Add(new PlannedInstalment(ok, Money.ToMinor(value)));
            }

            previous = due ?? previous;
        }

        return rules.HasErrors ? [] : plan;
    }

    /// <summary>Adds a refusal when the plan does not add up to <paramref name="totalMinor"/>.</summary>
    public static void CheckTotal(InputRules rules, IReadOnlyList<PlannedInstalment> plan, long totalMinor)
    {
        var sum = plan.Sum(i => i.AmountMinor);
        if (sum != totalMinor)
        {
            rules.Add(Field, FieldText.Format(FieldText.Keys.PlanTotalMismatch, Money.Format(sum), Money.Format(totalMinor)));
        }
    }

    /// <summary>
    /// Allocates <paramref name="paidMinor"/> to instalments in order: what each covers (at most its
    /// amount), so an instalment is paid once every earlier one is.
    /// </summary>
    public static IReadOnlyList<long> Allocate(IReadOnlyList<long> amounts, long paidMinor)
    {
        var left = Math.Max(0, paidMinor);
        var covered = new List<long>(amounts.Count);
        foreach (var amount in amounts)
        {
            var part = Math.Min(amount, left);
            covered.Add(part);
            left -= part;
        }

        return covered;
    }

    public static string Serialize(IReadOnlyList<PlannedInstalment> plan) => JsonSerializer.Serialize(plan, Cases.CaseFile.Json);

    public static IReadOnlyList<PlannedInstalment> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<PlannedInstalment>>(json, Cases.CaseFile.Json) ?? [];

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
