using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Reviews;

/// <summary>Next periodic review date by tier, and the events that bring a review forward.</summary>
public sealed class ReviewScheduler(ReviewPolicy policy)
{
    public ReviewPolicy Policy { get; } = policy;

    public int CycleMonths(RiskTier tier) =>
        Policy.Cycles.FirstOrDefault(c => c.Tier == tier)?.Months
        ?? throw new PolicyFormatException($"review policy {Policy.PolicyId} has no cycle for tier {tier}");

    /// <summary>Last review plus the tier's cycle; month ends clamp (31 Aug + 6 months = 28/29 Feb).</summary>
    public DateOnly NextReview(DateOnly lastReview, RiskTier tier) => lastReview.AddMonths(CycleMonths(tier));

    public bool IsDue(DateOnly lastReview, RiskTier tier, DateOnly today) => today >= NextReview(lastReview, tier);

    public IReadOnlyList<ReviewTrigger> Triggers(ReviewSignals signals)
    {
        var triggers = new List<ReviewTrigger>();
        if (signals.PreviousScore is { } before && signals.CurrentScore is { } now && before - now >= Policy.ScoreDropPoints)
        {
            triggers.Add(new(ReviewTriggerKind.ScoreDrop, $"score fell {before - now:0.#} points ({before:0.#} to {now:0.#}), at least {Policy.ScoreDropPoints:0.#}"));
        }

        if (signals.Exposure is { } exposure && signals.Limit is { } limit)
        {
            if (limit <= 0m ? exposure > 0m : (double)(exposure / limit) > Policy.UtilisationAbove)
            {
                triggers.Add(new(ReviewTriggerKind.LimitExceeded, $"exposure {exposure:N0} is above {Policy.UtilisationAbove:P0} of the limit {limit:N0}"));
            }
        }

        if (Policy.OnNewDunningLevel && signals.CurrentDunningLevel > signals.PreviousDunningLevel)
        {
            triggers.Add(new(ReviewTriggerKind.NewDunningLevel, $"dunning level rose from {signals.PreviousDunningLevel} to {signals.CurrentDunningLevel}"));
        }

        if (Policy.OnLitigation && signals.NewLitigationCount > 0)
        {
            triggers.Add(new(ReviewTriggerKind.Litigation, $"{signals.NewLitigationCount} new litigation case(s)"));
        }

        if (Policy.OnPenalty && signals.NewPenaltyCount > 0)
        {
            triggers.Add(new(ReviewTriggerKind.Penalty, $"{signals.NewPenaltyCount} new administrative penalty(ies)"));
        }

        if (Policy.OnEarlyWarningAlert && signals.EarlyWarningAlert)
        {
            triggers.Add(new(ReviewTriggerKind.EarlyWarningAlert, "an early-warning indicator reached its alert threshold"));
        }

        return triggers;
    }
}
