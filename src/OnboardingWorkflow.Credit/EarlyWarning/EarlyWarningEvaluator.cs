namespace OnboardingWorkflow.Credit.EarlyWarning;

/// <summary>One indicator's value (or why it has none), the level it reached and the threshold of that level (null at the normal level).</summary>
public sealed record IndicatorReading(Indicator Indicator, double? Value, WarningLevel Level, string Explanation, double? Threshold = null);

/// <summary>All indicators, the worst level and whether a review must open.</summary>
public sealed record EarlyWarningReport(IReadOnlyList<IndicatorReading> Readings, WarningLevel Level, bool OpensReview);

/// <summary>
/// Computes the early-warning indicators (风险预警) and rates them against the policy thresholds.
/// <see cref="Evaluate"/> gives every reading with its explanation; <see cref="LevelOf(ReceivablesSnapshot)"/>
/// gives only the worst level, from the same values, without building readings or text: a daily
/// job over many customers screens with it and evaluates in full only those above the normal level.
/// </summary>
public sealed class EarlyWarningEvaluator(EarlyWarningPolicy policy)
{
    public EarlyWarningPolicy Policy { get; } = policy;

    public EarlyWarningReport Evaluate(ReceivablesSnapshot snapshot)
    {
        var figures = new Figures(snapshot);
        var readings = new List<IndicatorReading>(Policy.Thresholds.Count);
        foreach (var threshold in Policy.Thresholds)
        {
            readings.Add(Rate(threshold, figures.ValueOf(threshold.Indicator)));
        }

        var level = readings.Count == 0 ? WarningLevel.Normal : readings.Max(r => r.Level);
        return new EarlyWarningReport(readings, level, level >= Policy.ReviewFrom);
    }

    /// <summary>The worst level <see cref="Evaluate"/> would report for <paramref name="snapshot"/>, computed without allocating.</summary>
    public WarningLevel LevelOf(ReceivablesSnapshot snapshot)
    {
        var figures = new Figures(snapshot);
        var level = WarningLevel.Normal;
        var thresholds = Policy.Thresholds;
        for (var i = 0; i < thresholds.Count && level < WarningLevel.Alert; i++)
        {
            if (figures.ValueOf(thresholds[i].Indicator).Value is { } value)
            {
                var reached = LevelOf(thresholds[i], value);
                level = reached > level ? reached : level;
            }
        }

        return level;
    }

    public static WarningLevel LevelOf(IndicatorThreshold threshold, double value)
    {
        bool Reached(double limit) => threshold.Direction == Direction.HigherIsWorse ? value >= limit : value <= limit;
        return Reached(threshold.Alert) ? WarningLevel.Alert : Reached(threshold.Warning) ? WarningLevel.Warning : WarningLevel.Normal;
    }

    private static IndicatorReading Rate(IndicatorThreshold threshold, (double? Value, string? Missing) reading)
    {
        if (reading.Value is not { } value)
        {
            return new IndicatorReading(threshold.Indicator, null, WarningLevel.Normal, $"not computable: {reading.Missing}");
        }

        var level = LevelOf(threshold, value);
        var comparison = threshold.Direction == Direction.HigherIsWorse ? ">=" : "<=";
        var explanation = level switch
        {
            WarningLevel.Alert => $"{value:0.###} {comparison} alert threshold {threshold.Alert}",
            WarningLevel.Warning => $"{value:0.###} {comparison} warning threshold {threshold.Warning}",
            _ => $"{value:0.###} within thresholds",
        };
        var reached = level switch
        {
            WarningLevel.Alert => threshold.Alert,
            WarningLevel.Warning => threshold.Warning,
            _ => (double?)null,
        };
        return new IndicatorReading(threshold.Indicator, Math.Round(value, 6), level, explanation, reached);
    }

    /// <summary>The quotients several indicators share, computed once per snapshot; each indicator's value, or why it has none.</summary>
    private readonly struct Figures
    {
        private readonly ReceivablesSnapshot _snapshot;
        private readonly double? _collectionPeriod;
        private readonly double? _beyondTerms;
        private readonly double? _orderChange;

        public Figures(ReceivablesSnapshot snapshot)
        {
            _snapshot = snapshot;
            _collectionPeriod = snapshot.PeriodSales is { } sales && sales > 0m
                ? (double)(snapshot.OpenReceivables / sales) * snapshot.PeriodDays
                : null;
            _beyondTerms = snapshot.PeriodSales is { } periodSales && periodSales > 0m
                ? (double)(snapshot.OverdueReceivables / periodSales) * snapshot.PeriodDays
                : null;
            _orderChange = snapshot.OrdersThisPeriod is { } orders && snapshot.OrdersPreviousPeriod is { } previous && previous > 0m
                ? (double)((orders - previous) / previous)
                : null;
        }

        public (double? Value, string? Missing) ValueOf(Indicator indicator)
        {
            var s = _snapshot;
            return indicator switch
            {
                Indicator.OverdueRatio => s.OpenReceivables > 0m ? ((double)(s.OverdueReceivables / s.OpenReceivables), null) : (null, "no open receivables"),
                Indicator.MaxDaysPastDue => (s.MaxDaysPastDue, null),
                Indicator.CollectionPeriodDays => _collectionPeriod is { } cp ? (cp, null) : (null, "period sales are missing or zero"),
                Indicator.CollectionPeriodTrend => _collectionPeriod is { } now && s.PreviousCollectionPeriodDays is { } before
                    ? (now - before, null)
                    : (null, "needs this and the previous collection period"),
                Indicator.OrderVolumeChange or Indicator.OrderVolumeSurge => _orderChange is { } change
                    ? (change, null)
                    : (null, "needs orders of this and a previous period with orders"),
                Indicator.LimitUtilisation => s.Exposure is { } exposure && s.Limit is { } limit && limit > 0m
                    ? ((double)(exposure / limit), null)
                    : (null, "needs exposure and a positive limit"),
                Indicator.ScoreChange => s.CurrentScore is { } scoreNow && s.PreviousScore is { } scoreBefore
                    ? (scoreNow - scoreBefore, null)
                    : (null, "needs the current and the previous score"),
                Indicator.DaysBeyondTerms => _beyondTerms is { } dbt ? (dbt, null) : (null, "period sales are missing or zero"),
                Indicator.DaysBeyondTermsTrend => _beyondTerms is { } dbtNow && s.PreviousDaysBeyondTerms is { } dbtBefore
                    ? (dbtNow - dbtBefore, null)
                    : (null, "needs days beyond terms of this and the previous period"),
                Indicator.DeterioratingRatios => s.DeterioratedRatios is { } deteriorated ? (deteriorated.Count, null) : (null, "needs statements of two consecutive years"),
                Indicator.QualificationDaysLeft => s.QualificationDaysLeft is { } daysLeft ? (daysLeft, null) : (null, "no mandatory document with an expiry date"),
                _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "an indicator the evaluator does not compute"),
            };
        }
    }
}
