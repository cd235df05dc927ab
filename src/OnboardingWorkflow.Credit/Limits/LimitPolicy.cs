using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Limits;

/// <summary>How a credit limit is sized: capacity methods, concentration cap, grade maximums, and terms by tier.</summary>
public sealed record LimitPolicy
{
    public required string PolicyId { get; init; }
    public required string Version { get; init; }

    /// <summary>Share of tangible net worth (equity - intangibles) a limit may reach.</summary>
    public double TangibleNetWorthShare { get; init; } = 0.10;

    public double WorkingCapitalShare { get; init; } = 0.10;

    public double MonthlySalesShare { get; init; } = 0.10;

    /// <summary>Largest share of our own annual sales one customer may owe us.</summary>
    public double ConcentrationShare { get; init; } = 0.05;

    /// <summary>Shortest terms offered before security is asked for instead.</summary>
    public int MinimumTermsDays { get; init; } = 15;

    /// <summary>Recommended limits are rounded down to a multiple of this.</summary>
    public decimal RoundingUnit { get; init; } = 1000m;

    public required IReadOnlyList<GradeMaximum> GradeMaximums { get; init; }

    public required IReadOnlyList<TierTerms> TierTerms { get; init; }
}

public sealed record GradeMaximum(Grade Grade, decimal Maximum);

/// <summary>Longest payment terms and standing security for a risk tier.</summary>
public sealed record TierTerms(RiskTier Tier, int MaxTermsDays, Security Security, double PrepaymentShare = 0);

public enum Security
{
    None,
    PartialPrepayment,
    Guarantee,
    Prepayment,
}
