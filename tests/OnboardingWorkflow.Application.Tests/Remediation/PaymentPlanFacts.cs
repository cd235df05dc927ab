using OnboardingWorkflow.Application.Remediation;

namespace OnboardingWorkflow.Application.Tests.Remediation;

/// <summary>The rules of a payment plan's instalments and the allocation of payments to them, without a database.</summary>
public sealed class PaymentPlanFacts
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly RemediationOptions Options = new() { MaxInstalments = 3, MaxPlanDays = 365 };

    private static (IReadOnlyList<PlannedInstalment> Plan, IReadOnlyDictionary<string, string[]> Errors) Check(params (DateOnly? Due, decimal? Amount)[] instalments)
    {
        var rules = new InputRules();
        var plan = PaymentPlan.Check(rules, instalments.Select(i => new InstalmentInput(i.Due, i.Amount)).ToList(), Today, Options);
        return (plan, rules.Errors);
    }

    [Fact]
    public void A_plan_of_increasing_future_days_and_whole_hundredths_is_kept_in_minor_units()
    {
        var (plan, errors) = Check((Today.AddDays(1), 100.5m), (Today.AddDays(31), 200m), (Today.AddDays(365), 0.01m));

        Assert.Empty(errors);
        Assert.Equal([10_050L, 20_000L, 1L], plan.Select(i => i.AmountMinor));
        Assert.Equal([Today.AddDays(1), Today.AddDays(31), Today.AddDays(365)], plan.Select(i => i.DueDate));
    }

    [Fact]
    public void Each_bad_instalment_is_named_with_its_field()
    {
        var (plan, errors) = Check((Today, 100m), (Today.AddDays(10), 100.001m), (Today.AddDays(5), -1m));

        Assert.Empty(plan);
        Assert.Equal(["instalments[0].dueDate", "instalments[1].amount", "instalments[2].amount", "instalments[2].dueDate"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("2026-12-01", errors["instalments[0].dueDate"][0]);
    }

    [Fact]
    public void An_empty_plan_a_plan_too_long_or_too_far_ahead_is_refused()
    {
        Assert.Contains("instalments", Check().Errors.Keys);
        var tooMany = Check((Today.AddDays(1), 1m), (Today.AddDays(2), 1m), (Today.AddDays(3), 1m), (Today.AddDays(4), 1m)).Errors;
        Assert.Contains("at most 3", tooMany["instalments"][0]);
        Assert.Contains("instalments[0].dueDate", Check((Today.AddDays(366), 1m)).Errors.Keys);
        Assert.Contains("instalments[0].amount", Check((Today.AddDays(3), null)).Errors.Keys);
    }

    [Fact]
    public void The_total_must_equal_what_the_plan_covers()
    {
        var plan = new[] { new PlannedInstalment(Today.AddDays(1), 30_000), new PlannedInstalment(Today.AddDays(2), 30_000) };
        var rules = new InputRules();

        PaymentPlan.CheckTotal(rules, plan, 60_000);
        Assert.False(rules.HasErrors);
        PaymentPlan.CheckTotal(rules, plan, 100_000);
        Assert.Contains("600.00", rules.Errors["instalments"][0]);
        Assert.Contains("1000.00", rules.Errors["instalments"][0]);
    }

    [Fact]
    public void Payments_cover_the_instalments_in_order()
    {
        long[] amounts = [500, 500, 300];

        Assert.Equal([0L, 0L, 0L], PaymentPlan.Allocate(amounts, 0));
        Assert.Equal([500L, 200L, 0L], PaymentPlan.Allocate(amounts, 700));
        Assert.Equal([500L, 500L, 300L], PaymentPlan.Allocate(amounts, 5_000));
        Assert.Equal([0L, 0L, 0L], PaymentPlan.Allocate(amounts, -10));
    }
}
