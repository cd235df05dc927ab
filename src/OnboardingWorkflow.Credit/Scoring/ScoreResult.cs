namespace OnboardingWorkflow.Credit.Scoring;

/// <summary>The scored outcome with everything a credit committee needs to read how it came about.</summary>
public sealed record ScoreResult
{
    public required string PolicyId { get; init; }
    public required string PolicyVersion { get; init; }
    public required double Score { get; init; }
    public required double ProbabilityOfDefault { get; init; }
    public required Grade Grade { get; init; }
    public required RiskTier Tier { get; init; }
    public required ScoreDecision Decision { get; init; }
    public required double BasePoints { get; init; }
    public required IReadOnlyList<CharacteristicScore> Characteristics { get; init; }
    public required IReadOnlyList<FiredKnockOut> KnockOuts { get; init; }
}

public enum ScoreDecision
{
    /// <summary>No knock-out fired: grade, tier and limit apply.</summary>
    Proceed,

    /// <summary>A knock-out fired: the application is rejected whatever the score.</summary>
    Reject,
}

/// <summary>One characteristic's value, the bin it fell in and the points it earned (weight applied).</summary>
public sealed record CharacteristicScore(
    string Key,
    string? Label,
    string Value,
    string Bin,
    double Weight,
    double BinPoints,
    double Points);

public sealed record FiredKnockOut(string Id, string Key, string Value, string Reason);
