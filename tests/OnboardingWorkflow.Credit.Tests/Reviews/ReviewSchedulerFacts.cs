using OnboardingWorkflow.Credit.Policies;
using OnboardingWorkflow.Credit.Reviews;
using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Tests.Reviews;

public class ReviewSchedulerFacts
{
    private static readonly ReviewScheduler Scheduler = new(DefaultPolicies.Review());

    [Theory]
    [InlineData(RiskTier.High, "2026-04-15")]
    [InlineData(RiskTier.Medium, "2026-07-15")]
    [InlineData(RiskTier.Low, "2027-01-15")]
    public void NextReview_AddsTheTiersCycle(RiskTier tier, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), Scheduler.NextReview(new DateOnly(2026, 1, 15), tier));
    }

    [Fact]
    public void NextReview_ClampsToTheEndOfAShorterMonth()
    {
        Assert.Equal(new DateOnly(2027, 2, 28), Scheduler.NextReview(new DateOnly(2026, 8, 31), RiskTier.Medium));
    }

    [Theory]
    [InlineData("2026-04-14", false)]
    [InlineData("2026-04-15", true)]
    [InlineData("2026-04-16", true)]
    public void IsDue_FromTheNextReviewDateOn(string today, bool due)
    {
        Assert.Equal(due, Scheduler.IsDue(new DateOnly(2026, 1, 15), RiskTier.High, DateOnly.Parse(today)));
    }

    [Theory]
    [InlineData(629, false)]
    [InlineData(630, true)]
    [InlineData(631, true)]
    public void Triggers_AScoreDropOfAtLeast30Points(double previous, bool triggered)
    {
        var triggers = Scheduler.Triggers(new ReviewSignals { PreviousScore = previous, CurrentScore = 600 });

        Assert.Equal(triggered, triggers.Any(t => t.Kind == ReviewTriggerKind.ScoreDrop));
    }

    [Theory]
    [InlineData(100_000, false)]
    [InlineData(100_001, true)]
    public void Triggers_UtilisationAbove100Percent(decimal exposure, bool triggered)
    {
        var triggers = Scheduler.Triggers(new ReviewSignals { Exposure = exposure, Limit = 100_000m });

        Assert.Equal(triggered, triggers.Any(t => t.Kind == ReviewTriggerKind.LimitExceeded));
    }

    [Fact]
    public void Triggers_AnyExposure_WithoutALimit()
    {
        var triggers = Scheduler.Triggers(new ReviewSignals { Exposure = 1m, Limit = 0m });

        Assert.Equal(ReviewTriggerKind.LimitExceeded, Assert.Single(triggers).Kind);
    }

    [Fact]
    public void Triggers_ANewDunningLevelLitigationPenaltyAndEarlyWarningAlert()
    {
        var triggers = Scheduler.Triggers(new ReviewSignals
        {
            PreviousDunningLevel = 1,
            CurrentDunningLevel = 2,
            NewLitigationCount = 1,
            NewPenaltyCount = 2,
            EarlyWarningAlert = true,
        });

        Assert.Equal(
            [ReviewTriggerKind.NewDunningLevel, ReviewTriggerKind.Litigation, ReviewTriggerKind.Penalty, ReviewTriggerKind.EarlyWarningAlert],
            triggers.Select(t => t.Kind));
    }

    [Fact]
    public void Triggers_Nothing_WhenNothingChanged()
    {
        var calm = new ReviewSignals { PreviousScore = 650, CurrentScore = 640, Exposure = 50_000m, Limit = 100_000m, PreviousDunningLevel = 1, CurrentDunningLevel = 1 };

        Assert.Empty(Scheduler.Triggers(calm));
    }

    [Fact]
    public void Triggers_IgnoresEventsThePolicySwitchesOff()
    {
        var quiet = new ReviewScheduler(DefaultPolicies.Review() with { OnLitigation = false, OnNewDunningLevel = false });

        Assert.Empty(quiet.Triggers(new ReviewSignals { NewLitigationCount = 3, CurrentDunningLevel = 4 }));
    }

    [Fact]
    public void Parse_Refuses_APolicyMissingATier()
    {
        const string json = """{ "policyId": "r", "version": "1", "cycles": [ { "tier": "low", "months": 12 } ] }""";

        var ex = Assert.Throws<PolicyFormatException>(() => PolicyDocuments.Review(json));

        Assert.Contains("tier Medium", ex.Message);
        Assert.Contains("tier High", ex.Message);
    }
}
