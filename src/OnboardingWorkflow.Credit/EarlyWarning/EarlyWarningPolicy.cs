namespace OnboardingWorkflow.Credit.EarlyWarning;

/// <summary>Warning and alert thresholds per indicator; a level is reached at or beyond its threshold.</summary>
public sealed record EarlyWarningPolicy
{
    public required string PolicyId { get; init; }
    public required string Version { get; init; }
    public required IReadOnlyList<IndicatorThreshold> Thresholds { get; init; }

    /// <summary>The level from which an indicator opens a review.</summary>
    public WarningLevel ReviewFrom { get; init; } = WarningLevel.Alert;
}

public sealed record IndicatorThreshold(Indicator Indicator, Direction Direction, double Warning, double Alert);

public enum Indicator
{
    /// <summary>Overdue / open receivables.</summary>
    OverdueRatio,
    MaxDaysPastDue,

    /// <summary>Receivables / sales x days of the period.</summary>
    CollectionPeriodDays,

    /// <summary>Collection period now minus the previous period, in days.</summary>
    CollectionPeriodTrend,

    /// <summary>(orders now - orders before) / orders before.</summary>
    OrderVolumeChange,

    /// <summary>Exposure / limit.</summary>
    LimitUtilisation,

    /// <summary>Score now minus score before.</summary>
    ScoreChange,
}

public enum Direction
{
    HigherIsWorse,
    LowerIsWorse,
}

public enum WarningLevel
{
    Normal,
    Warning,
    Alert,
}
