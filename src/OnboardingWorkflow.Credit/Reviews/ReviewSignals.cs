namespace OnboardingWorkflow.Credit.Reviews;

/// <summary>What changed since the last look at a customer; absent values are simply not assessed.</summary>
public sealed record ReviewSignals
{
    public double? PreviousScore { get; init; }
    public double? CurrentScore { get; init; }
    public decimal? Exposure { get; init; }
    public decimal? Limit { get; init; }
    public int PreviousDunningLevel { get; init; }
    public int CurrentDunningLevel { get; init; }
    public int NewLitigationCount { get; init; }
    public int NewPenaltyCount { get; init; }
    public bool EarlyWarningAlert { get; init; }
}

/// <summary>An event that calls an out-of-cycle review.</summary>
public sealed record ReviewTrigger(ReviewTriggerKind Kind, string Reason);

public enum ReviewTriggerKind
{
    ScoreDrop,
    LimitExceeded,
    NewDunningLevel,
    Litigation,
    Penalty,
    EarlyWarningAlert,
}
