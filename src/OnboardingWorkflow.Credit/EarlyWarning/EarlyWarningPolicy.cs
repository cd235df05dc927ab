namespace OnboardingWorkflow.Credit.EarlyWarning;

/// <summary>Warning and alert thresholds per indicator, and what each level sets off; a level is reached at or beyond its threshold.</summary>
public sealed record EarlyWarningPolicy
{
    public required string PolicyId { get; init; }
    public required string Version { get; init; }
    public required IReadOnlyList<IndicatorThreshold> Thresholds { get; init; }

    /// <summary>The level from which an indicator opens a review.</summary>
    public WarningLevel ReviewFrom { get; init; } = WarningLevel.Alert;

    /// <summary>What a warning sets off unless its threshold says otherwise.</summary>
    public AlertAction OnWarning { get; init; } = AlertAction.Notify;

    /// <summary>What an alert sets off unless its threshold says otherwise.</summary>
    public AlertAction OnAlert { get; init; } = AlertAction.Review;

    /// <summary>A key ratio deteriorates when it moves this share of its prior-year value the wrong way (0.10: ten per cent).</summary>
    public double RatioDeteriorationShare { get; init; } = 0.10;

    /// <summary>What a reading sets off: nothing at the normal level, else the threshold's own action or the policy's for the level.</summary>
    public AlertAction? ActionFor(IndicatorReading reading)
    {
        var threshold = Thresholds.FirstOrDefault(t => t.Indicator == reading.Indicator);
        return reading.Level switch
        {
            WarningLevel.Warning => threshold?.OnWarning ?? OnWarning,
            WarningLevel.Alert => threshold?.OnAlert ?? OnAlert,
            _ => null,
        };
    }
}

/// <summary>One indicator's thresholds; <paramref name="OnWarning"/> and <paramref name="OnAlert"/> override the policy's actions for it.</summary>
public sealed record IndicatorThreshold(Indicator Indicator, Direction Direction, double Warning, double Alert, AlertAction? OnWarning = null, AlertAction? OnAlert = null);

public enum Indicator
{
    /// <summary>Overdue / open receivables.</summary>
    OverdueRatio,
    MaxDaysPastDue,

    /// <summary>Receivables / sales x days of the period.</summary>
    CollectionPeriodDays,

    /// <summary>Collection period now minus the previous period, in days.</summary>
    CollectionPeriodTrend,

    /// <summary>(orders now - orders before) / orders before, rated as a fall (the threshold is negative).</summary>
    OrderVolumeChange,

    /// <summary>The same change rate as <see cref="OrderVolumeChange"/>, rated as a surge: a sudden rise can precede a default as much as a fall.</summary>
    OrderVolumeSurge,

    /// <summary>Exposure / limit.</summary>
    LimitUtilisation,

    /// <summary>Score now minus score before.</summary>
    ScoreChange,

    /// <summary>Days beyond terms: overdue receivables / sales x days of the period (the collection period minus its part within terms).</summary>
    DaysBeyondTerms,

    /// <summary>Days beyond terms now minus at the previous period, in days.</summary>
    DaysBeyondTermsTrend,

    /// <summary>How many key ratios of the latest statements deteriorated against the year before.</summary>
    DeterioratingRatios,

    /// <summary>Days until the first mandatory qualification document expires; zero or less: expired.</summary>
    QualificationDaysLeft,
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

/// <summary>What an alert sets off, in rising severity; each includes the ones before it.</summary>
public enum AlertAction
{
    /// <summary>Tell the credit managers.</summary>
    Notify,

    /// <summary>Tell them and start a triggered review of the customer.</summary>
    Review,

    /// <summary>Tell them, start a review and put the account on credit hold.</summary>
    Hold,
}
