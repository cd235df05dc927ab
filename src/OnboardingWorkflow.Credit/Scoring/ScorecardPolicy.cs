namespace OnboardingWorkflow.Credit.Scoring;

/// <summary>
/// A versioned scorecard: characteristics with bins and points, knock-out rules, PDO scaling,
/// grade bands and the tier of each grade. Score = basePoints + sum of weight x bin points.
/// </summary>
public sealed record ScorecardPolicy
{
    public required string PolicyId { get; init; }

    public required string Version { get; init; }

    public string? Description { get; init; }

    public required PdoScaling Scaling { get; init; }

    public double BasePoints { get; init; }

    public required IReadOnlyList<Characteristic> Characteristics { get; init; }

    public IReadOnlyList<KnockOutRule> KnockOuts { get; init; } = [];

    /// <summary>Best grade first; a score belongs to the first band whose minimum it reaches.</summary>
    public required IReadOnlyList<GradeBand> GradeBands { get; init; }

    public required IReadOnlyList<TierMapping> Tiers { get; init; }

    /// <summary>How the policy came about, e.g. the figures of the fit that produced it.</summary>
    public IReadOnlyDictionary<string, string>? Provenance { get; init; }
}

/// <summary>One scored characteristic: a ratio, a business fact or a questionnaire answer.</summary>
public sealed record Characteristic
{
    /// <summary>The fact the characteristic reads (a ratio key, a fact name, <c>answer.xxx</c> or a data column).</summary>
    public required string Key { get; init; }

    public string? Label { get; init; }

    public CharacteristicKind Kind { get; init; } = CharacteristicKind.Numeric;

    public double Weight { get; init; } = 1.0;

    public required IReadOnlyList<Bin> Bins { get; init; }

    /// <summary>Points when the value is missing or not computable.</summary>
    public double MissingPoints { get; init; }

    /// <summary>Points when a value fits no bin (an unseen category).</summary>
    public double UnmatchedPoints { get; init; }
}

public enum CharacteristicKind
{
    Numeric,
    Categorical,
}

/// <summary>A numeric bin is [min, max) with open ends when null; a categorical bin lists its values.</summary>
public sealed record Bin
{
    public string? Label { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public IReadOnlyList<string>? Values { get; init; }

    public required double Points { get; init; }

    public bool Contains(double value) => (Min is null || value >= Min) && (Max is null || value < Max);

    public bool Contains(string value) => Values?.Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase)) == true;

    public string Describe() => Label ?? (Values is not null ? string.Join(" | ", Values) : $"[{Min?.ToString("G6") ?? "-inf"}, {Max?.ToString("G6") ?? "+inf"})");
}

/// <summary>A rule that rejects outright, whatever the score.</summary>
public sealed record KnockOutRule
{
    public required string Id { get; init; }

    public required string Key { get; init; }

    public KnockOutOperator Operator { get; init; } = KnockOutOperator.IsTrue;

    /// <summary>The threshold for numeric comparisons.</summary>
    public double? Value { get; init; }

    /// <summary>The value for <see cref="KnockOutOperator.Equals"/> on text answers.</summary>
    public string? Text { get; init; }

    public required string Reason { get; init; }
}

public enum KnockOutOperator
{
    IsTrue,
    Equals,
    GreaterThan,
    AtLeast,
    LessThan,
    AtMost,
}

/// <summary>The lowest score that still earns <see cref="Grade"/>.</summary>
public sealed record GradeBand(Grade Grade, double MinScore);

/// <summary>Which grades fall in a risk tier.</summary>
public sealed record TierMapping(RiskTier Tier, IReadOnlyList<Grade> Grades);
