namespace OnboardingWorkflow.Credit.EarlyWarning;

/// <summary>One indicator's value (or why it has none), the level it reached and the threshold of that level (null at the normal level).</summary>
public sealed record IndicatorReading(Indicator Indicator, double? Value, WarningLevel Level, string Explanation, double? Threshold = null);

/// <summary>All indicators, the worst level and whether a review must open.</summary>
public sealed record EarlyWarningReport(IReadOnlyList<IndicatorReading> Readings, WarningLevel Level, bool OpensReview);

/// <summary>Computes the early-warning indicators (风险预警) and rates them against the policy thresholds.</summary>
public sealed class EarlyWarningEvaluator(EarlyWarningPolicy policy)
{
    public EarlyWarningPolicy Policy { get; } = policy;

    public EarlyWarningReport Evaluate(ReceivablesSnapshot snapshot)
    {
        var collectionPeriod = snapshot.PeriodSales is { } sales && sales > 0m
            ? (double)(snapshot.OpenReceivables / sales) * snapshot.PeriodDays
            : (double?)null;
        var beyondTerms = snapshot.PeriodSales is { } periodSales && periodSales > 0m
            ? (double)(snapshot.OverdueReceivables / periodSales) * snapshot.PeriodDays
            : (double?)null;
        (double? Value, string? Missing) orderChange = snapshot.OrdersThisPeriod is { } orders && snapshot.OrdersPreviousPeriod is { } previous && previous > 0m
            ? ((double)((orders - previous) / previous), null)
            : (null, "needs orders of this and a previous period with orders");
        var values = new Dictionary<Indicator, (double? Value, string? Missing)>
        {
            [Indicator.OverdueRatio] = snapshot.OpenReceivables > 0m
                ? ((double)(snapshot.OverdueReceivables / snapshot.OpenReceivables), null)
                : (null, "no open receivables"),
            [Indicator.MaxDaysPastDue] = (snapshot.MaxDaysPastDue, null),
            [Indicator.CollectionPeriodDays] = collectionPeriod is { } cp ? (cp, null) : (null, "period sales are missing or zero"),
            [Indicator.CollectionPeriodTrend] = collectionPeriod is { } now && snapshot.PreviousCollectionPeriodDays is { } before
                ? (now - before, null)
                : (null, "needs this and the previous collection period"),
            [Indicator.OrderVolumeChange] = orderChange,
            [Indicator.OrderVolumeSurge] = orderChange,
            [Indicator.LimitUtilisation] = snapshot.Exposure is { } exposure && snapshot.Limit is { } limit && limit > 0m
                ? ((double)(exposure / limit), null)
                : (null, "needs exposure and a positive limit"),
            [Indicator.ScoreChange] = snapshot.CurrentScore is { } scoreNow && snapshot.PreviousScore is { } scoreBefore
                ? (scoreNow - scoreBefore, null)
                : (null, "needs the current and the previous score"),
            [Indicator.DaysBeyondTerms] = beyondTerms is { } dbt ? (dbt, null) : (null, "period sales are missing or zero"),
            [Indicator.DaysBeyondTermsTrend] = beyondTerms is { } dbtNow && snapshot.PreviousDaysBeyondTerms is { } dbtBefore
                ? (dbtNow - dbtBefore, null)
                : (null, "needs days beyond terms of this and the previous period"),
            [Indicator.DeterioratingRatios] = snapshot.DeterioratedRatios is { } deteriorated
                ? (deteriorated.Count, null)
                : (null, "needs statements of two consecutive years"),
            [Indicator.QualificationDaysLeft] = snapshot.QualificationDaysLeft is { } daysLeft
                ? (daysLeft, null)
                : (null, "no mandatory document with an expiry date"),
        };

        var readings = Policy.Thresholds.Select(t => Rate(t, values[t.Indicator])).ToList();
        var level = readings.Count == 0 ? WarningLevel.Normal : readings.Max(r => r.Level);
        return new EarlyWarningReport(readings, level, level >= Policy.ReviewFrom);
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
}
