using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Reviews;

/// <summary>Periodic review cycle per tier and the events that call a review before it is due.</summary>
public sealed record ReviewPolicy
{
    public required string PolicyId { get; init; }
    public required string Version { get; init; }
    public required IReadOnlyList<ReviewCycle> Cycles { get; init; }

    /// <summary>A score falling by at least this many points calls a review.</summary>
    public double ScoreDropPoints { get; init; } = 30;

    /// <summary>Utilisation strictly above this share of the limit calls a review.</summary>
    public double UtilisationAbove { get; init; } = 1.0;

    public bool OnNewDunningLevel { get; init; } = true;
    public bool OnLitigation { get; init; } = true;
    public bool OnPenalty { get; init; } = true;
    public bool OnEarlyWarningAlert { get; init; } = true;
}

public sealed record ReviewCycle(RiskTier Tier, int Months);
