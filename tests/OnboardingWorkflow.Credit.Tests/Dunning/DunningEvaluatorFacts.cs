using OnboardingWorkflow.Credit.Dunning;
using OnboardingWorkflow.Credit.Policies;

namespace OnboardingWorkflow.Credit.Tests.Dunning;

public class DunningEvaluatorFacts
{
    private static readonly DunningEvaluator Evaluator = new(DefaultPolicies.Dunning());
    private static readonly DateOnly Due = new(2026, 3, 1);

    private static OpenInvoice Invoice(string id = "INV-1", decimal open = 1_000m, int lastSent = 0) => new(id, Due, 1_000m, open, lastSent);

    [Theory]
    [InlineData(-5, 0, false)]
    [InlineData(0, 0, false)]
    [InlineData(1, 1, false)]
    [InlineData(2, 1, false)]
    [InlineData(14, 1, false)]
    [InlineData(15, 2, false)]
    [InlineData(16, 2, false)]
    [InlineData(29, 2, false)]
    [InlineData(30, 3, true)]
    [InlineData(31, 3, true)]
    [InlineData(59, 3, true)]
    [InlineData(60, 4, true)]
    [InlineData(61, 4, true)]
    [InlineData(400, 4, true)]
    public void Evaluate_PlacesAnInvoiceOnItsLevel_AroundEachThresholdDay(int daysPastDue, int level, bool creditHold)
    {
        var result = Evaluator.Evaluate(Invoice(), Due.AddDays(daysPastDue));

        Assert.Equal(level, result.Level);
        Assert.Equal(creditHold, result.CreditHold);
        Assert.Equal(level > 0, result.ActionDueNow);
    }

    [Theory]
    [InlineData(1, "send a friendly payment reminder", 0)]
    [InlineData(15, "send a second notice and call the customer's accounts payable", 0)]
    [InlineData(30, "send a final notice and put the account on credit hold", 25)]
    [InlineData(60, "hand the debt over to collections or legal", 50)]
    public void Evaluate_NamesEachLevelsActionAndFee(int daysPastDue, string action, decimal fee)
    {
        var result = Evaluator.Evaluate(Invoice(), Due.AddDays(daysPastDue));

        Assert.Equal(action, result.Action);
        Assert.Equal(fee, result.Fee);
    }

    [Fact]
    public void Evaluate_SaysWhenAnInvoiceIsNotYetDue()
    {
        var result = Evaluator.Evaluate(Invoice(), Due.AddDays(-5));

        Assert.Equal(0, result.DaysPastDue);
        Assert.Equal("not yet overdue (due in 5 day(s))", result.Explanation);
    }

    [Fact]
    public void Evaluate_StopsAtOnce_WhenTheInvoiceIsPaid()
    {
        var result = Evaluator.Evaluate(Invoice(open: 0m, lastSent: 2), Due.AddDays(45));

        Assert.Equal(0, result.Level);
        Assert.False(result.ActionDueNow);
        Assert.False(result.CreditHold);
        Assert.StartsWith("paid", result.Explanation);
    }

    [Fact]
    public void Evaluate_DoesNotRepeatALevelAlreadyActedOn()
    {
        var result = Evaluator.Evaluate(Invoice(lastSent: 2), Due.AddDays(20));

        Assert.Equal(2, result.Level);
        Assert.False(result.ActionDueNow);
        Assert.Equal(0m, result.Fee);
    }

    [Fact]
    public void Evaluate_ActsOnlyOnTheHighestLevel_WhenLevelsWereSkipped()
    {
        var result = Evaluator.Evaluate(Invoice(), Due.AddDays(35));

        Assert.Equal(3, result.Level);
        Assert.True(result.ActionDueNow);
        Assert.Contains("2 lower level(s) skipped", result.Explanation);
    }

    [Fact]
    public void Evaluate_GivesTheCustomerTheHighestLevel_TheHold_AndWhatIsDueToday()
    {
        var asOf = Due.AddDays(32);
        OpenInvoice[] invoices =
        [
            Invoice("A", lastSent: 2),                        // 32 days: level 3 now due
            new("B", Due.AddDays(27), 500m, 500m),            // 5 days: level 1 now due
            new("C", Due.AddDays(-40), 800m, 0m, 3),          // paid
            new("D", Due.AddDays(40), 300m, 300m),            // due in 8 days
        ];

        var status = Evaluator.Evaluate(invoices, asOf);

        Assert.Equal(3, status.CustomerLevel);
        Assert.True(status.CreditHold);
        Assert.Equal(["A", "B"], status.ActionsDueNow.Select(a => a.InvoiceId));
        Assert.Equal(25m, status.FeesDueNow);
    }

    [Fact]
    public void Evaluate_ReleasesTheHold_OnceEveryOverdueInvoiceIsPaid()
    {
        var status = Evaluator.Evaluate([Invoice(open: 0m, lastSent: 3)], Due.AddDays(40));

        Assert.Equal(0, status.CustomerLevel);
        Assert.False(status.CreditHold);
        Assert.Empty(status.ActionsDueNow);
    }

    [Fact]
    public void Constructor_Refuses_LevelsOnTheSameDay_OrALevelOnTheDueDate()
    {
        var sameDay = DefaultPolicies.Dunning() with { Levels = [new(1, "a", 5, "x"), new(2, "b", 5, "y")] };
        var onDueDate = DefaultPolicies.Dunning() with { Levels = [new(1, "a", 0, "x")] };

        Assert.Throws<PolicyFormatException>(() => new DunningEvaluator(sameDay));
        Assert.Throws<PolicyFormatException>(() => new DunningEvaluator(onDueDate));
    }
}
