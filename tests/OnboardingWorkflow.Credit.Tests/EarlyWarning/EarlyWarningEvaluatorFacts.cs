using OnboardingWorkflow.Credit.EarlyWarning;
using OnboardingWorkflow.Credit.Policies;

namespace OnboardingWorkflow.Credit.Tests.EarlyWarning;

public class EarlyWarningEvaluatorFacts
{
    private static readonly EarlyWarningEvaluator Evaluator = new(DefaultPolicies.EarlyWarning());

    private static IndicatorThreshold Threshold(Indicator indicator) =>
        Evaluator.Policy.Thresholds.Single(t => t.Indicator == indicator);

    [Theory]
    [InlineData(Indicator.OverdueRatio, 0.0999, WarningLevel.Normal)]
    [InlineData(Indicator.OverdueRatio, 0.10, WarningLevel.Warning)]
    [InlineData(Indicator.OverdueRatio, 0.2499, WarningLevel.Warning)]
    [InlineData(Indicator.OverdueRatio, 0.25, WarningLevel.Alert)]
    [InlineData(Indicator.MaxDaysPastDue, 29, WarningLevel.Normal)]
    [InlineData(Indicator.MaxDaysPastDue, 30, WarningLevel.Warning)]
    [InlineData(Indicator.MaxDaysPastDue, 59, WarningLevel.Warning)]
    [InlineData(Indicator.MaxDaysPastDue, 60, WarningLevel.Alert)]
    [InlineData(Indicator.CollectionPeriodDays, 59.9, WarningLevel.Normal)]
    [InlineData(Indicator.CollectionPeriodDays, 90, WarningLevel.Alert)]
    [InlineData(Indicator.CollectionPeriodTrend, 9, WarningLevel.Normal)]
    [InlineData(Indicator.CollectionPeriodTrend, 10, WarningLevel.Warning)]
    [InlineData(Indicator.CollectionPeriodTrend, 20, WarningLevel.Alert)]
    [InlineData(Indicator.OrderVolumeChange, -0.19, WarningLevel.Normal)]
    [InlineData(Indicator.OrderVolumeChange, -0.20, WarningLevel.Warning)]
    [InlineData(Indicator.OrderVolumeChange, -0.39, WarningLevel.Warning)]
    [InlineData(Indicator.OrderVolumeChange, -0.40, WarningLevel.Alert)]
    [InlineData(Indicator.OrderVolumeChange, 0.50, WarningLevel.Normal)]
    [InlineData(Indicator.OrderVolumeSurge, 0.49, WarningLevel.Normal)]
    [InlineData(Indicator.OrderVolumeSurge, 0.50, WarningLevel.Warning)]
    [InlineData(Indicator.OrderVolumeSurge, 1.00, WarningLevel.Alert)]
    [InlineData(Indicator.OrderVolumeSurge, -0.90, WarningLevel.Normal)]
    [InlineData(Indicator.DaysBeyondTerms, 14.9, WarningLevel.Normal)]
    [InlineData(Indicator.DaysBeyondTerms, 15, WarningLevel.Warning)]
    [InlineData(Indicator.DaysBeyondTerms, 30, WarningLevel.Alert)]
    [InlineData(Indicator.DaysBeyondTermsTrend, 9.9, WarningLevel.Normal)]
    [InlineData(Indicator.DaysBeyondTermsTrend, 10, WarningLevel.Warning)]
    [InlineData(Indicator.DaysBeyondTermsTrend, 20, WarningLevel.Alert)]
    [InlineData(Indicator.DeterioratingRatios, 1, WarningLevel.Normal)]
    [InlineData(Indicator.DeterioratingRatios, 2, WarningLevel.Warning)]
    [InlineData(Indicator.DeterioratingRatios, 4, WarningLevel.Alert)]
    [InlineData(Indicator.QualificationDaysLeft, 31, WarningLevel.Normal)]
    [InlineData(Indicator.QualificationDaysLeft, 30, WarningLevel.Warning)]
    [InlineData(Indicator.QualificationDaysLeft, 1, WarningLevel.Warning)]
    [InlineData(Indicator.QualificationDaysLeft, 0, WarningLevel.Alert)]
    [InlineData(Indicator.QualificationDaysLeft, -5, WarningLevel.Alert)]
    [InlineData(Indicator.LimitUtilisation, 0.89, WarningLevel.Normal)]
    [InlineData(Indicator.LimitUtilisation, 0.90, WarningLevel.Warning)]
    [InlineData(Indicator.LimitUtilisation, 1.00, WarningLevel.Alert)]
    [InlineData(Indicator.ScoreChange, -19, WarningLevel.Normal)]
    [InlineData(Indicator.ScoreChange, -20, WarningLevel.Warning)]
    [InlineData(Indicator.ScoreChange, -40, WarningLevel.Alert)]
    public void LevelOf_RatesValuesAroundEachThreshold(Indicator indicator, double value, WarningLevel level)
    {
        Assert.Equal(level, EarlyWarningEvaluator.LevelOf(Threshold(indicator), value));
    }

    [Fact]
    public void Evaluate_ComputesEveryIndicator_WithWorkedNumbers()
    {
        var snapshot = new ReceivablesSnapshot
        {
            OpenReceivables = 100_000m,
            OverdueReceivables = 30_000m,   // 0.30: alert
            MaxDaysPastDue = 20,            // normal
            PeriodSales = 365_000m,         // 100,000 / 365,000 x 365 = 100 days: alert
            PreviousCollectionPeriodDays = 85, // +15 days: warning
            OrdersThisPeriod = 70m,
            OrdersPreviousPeriod = 100m,    // -30 %: warning
            Exposure = 95_000m,
            Limit = 100_000m,               // 95 %: warning
            CurrentScore = 600,
            PreviousScore = 610,            // -10: normal
        };

        var report = Evaluator.Evaluate(snapshot);

        var byIndicator = report.Readings.ToDictionary(r => r.Indicator);
        Assert.Equal(0.3, byIndicator[Indicator.OverdueRatio].Value!.Value, 9);
        Assert.Equal(WarningLevel.Alert, byIndicator[Indicator.OverdueRatio].Level);
        Assert.Equal(WarningLevel.Normal, byIndicator[Indicator.MaxDaysPastDue].Level);
        Assert.Equal(100, byIndicator[Indicator.CollectionPeriodDays].Value!.Value, 6);
        Assert.Equal(15, byIndicator[Indicator.CollectionPeriodTrend].Value!.Value, 6);
        Assert.Equal(WarningLevel.Warning, byIndicator[Indicator.CollectionPeriodTrend].Level);
        Assert.Equal(-0.3, byIndicator[Indicator.OrderVolumeChange].Value!.Value, 9);
        Assert.Equal(WarningLevel.Warning, byIndicator[Indicator.OrderVolumeChange].Level);
        Assert.Equal(0.95, byIndicator[Indicator.LimitUtilisation].Value!.Value, 9);
        Assert.Equal(-10, byIndicator[Indicator.ScoreChange].Value);
        Assert.Equal(WarningLevel.Alert, report.Level);
        Assert.True(report.OpensReview);
    }

    [Fact]
    public void Evaluate_RatesTheSameOrderChangeAsAFallAndAsASurge()
    {
        var surge = Evaluator.Evaluate(new ReceivablesSnapshot { OrdersThisPeriod = 250m, OrdersPreviousPeriod = 100m }).Readings.ToDictionary(r => r.Indicator);
        var fall = Evaluator.Evaluate(new ReceivablesSnapshot { OrdersThisPeriod = 50m, OrdersPreviousPeriod = 100m }).Readings.ToDictionary(r => r.Indicator);

        Assert.Equal(1.5, surge[Indicator.OrderVolumeSurge].Value);
        Assert.Equal(WarningLevel.Alert, surge[Indicator.OrderVolumeSurge].Level);
        Assert.Equal(1.0, surge[Indicator.OrderVolumeSurge].Threshold);
        Assert.Equal(WarningLevel.Normal, surge[Indicator.OrderVolumeChange].Level);
        Assert.Null(surge[Indicator.OrderVolumeChange].Threshold);
        Assert.Equal(-0.5, fall[Indicator.OrderVolumeChange].Value);
        Assert.Equal(WarningLevel.Alert, fall[Indicator.OrderVolumeChange].Level);
        Assert.Equal(-0.4, fall[Indicator.OrderVolumeChange].Threshold);
        Assert.Equal(WarningLevel.Normal, fall[Indicator.OrderVolumeSurge].Level);
    }

    [Fact]
    public void Evaluate_ComputesDaysBeyondTermsAndItsTrend_FromOverdueAndPeriodSales()
    {
        // 30,000 overdue of 30 days' sales of 60,000: 15 days beyond terms, 12 more than the 3 before.
        var report = Evaluator.Evaluate(new ReceivablesSnapshot
        {
            OpenReceivables = 80_000m, OverdueReceivables = 30_000m, PeriodSales = 60_000m, PeriodDays = 30, PreviousDaysBeyondTerms = 3,
        });

        var byIndicator = report.Readings.ToDictionary(r => r.Indicator);
        Assert.Equal(15, byIndicator[Indicator.DaysBeyondTerms].Value!.Value, 6);
        Assert.Equal(WarningLevel.Warning, byIndicator[Indicator.DaysBeyondTerms].Level);
        Assert.Equal(12, byIndicator[Indicator.DaysBeyondTermsTrend].Value!.Value, 6);
        Assert.Equal(WarningLevel.Warning, byIndicator[Indicator.DaysBeyondTermsTrend].Level);
        Assert.Equal(40, byIndicator[Indicator.CollectionPeriodDays].Value!.Value, 6);
    }

    [Fact]
    public void Evaluate_CountsDeterioratedRatios_AndRatesQualificationDaysLeft()
    {
        var report = Evaluator.Evaluate(new ReceivablesSnapshot { DeterioratedRatios = ["currentRatio", "debtRatio", "netMargin", "quickRatio"], QualificationDaysLeft = -1 });

        var byIndicator = report.Readings.ToDictionary(r => r.Indicator);
        Assert.Equal(4, byIndicator[Indicator.DeterioratingRatios].Value);
        Assert.Equal(WarningLevel.Alert, byIndicator[Indicator.DeterioratingRatios].Level);
        Assert.Equal(-1, byIndicator[Indicator.QualificationDaysLeft].Value);
        Assert.Equal(WarningLevel.Alert, byIndicator[Indicator.QualificationDaysLeft].Level);
    }

    [Fact]
    public void ActionFor_TakesTheThresholdsOwnAction_ElseThePolicysForTheLevel()
    {
        var report = Evaluator.Evaluate(new ReceivablesSnapshot
        {
            OpenReceivables = 100m, OverdueReceivables = 30m, OrdersThisPeriod = 300m, OrdersPreviousPeriod = 100m, Exposure = 95m, Limit = 100m, QualificationDaysLeft = 0,
        });
        AlertAction? Action(Indicator indicator) => Evaluator.Policy.ActionFor(report.Readings.Single(r => r.Indicator == indicator));

        Assert.Equal(AlertAction.Hold, Action(Indicator.OverdueRatio));
        Assert.Equal(AlertAction.Review, Action(Indicator.OrderVolumeSurge));
        Assert.Equal(AlertAction.Notify, Action(Indicator.LimitUtilisation));
        Assert.Equal(AlertAction.Notify, Action(Indicator.QualificationDaysLeft));
        Assert.Null(Action(Indicator.OrderVolumeChange));
    }

    [Fact]
    public void Evaluate_StaysNormal_AndOpensNoReview_ForACalmCustomer()
    {
        var report = Evaluator.Evaluate(new ReceivablesSnapshot { OpenReceivables = 10_000m, PeriodSales = 365_000m, Exposure = 10_000m, Limit = 100_000m });

        Assert.Equal(WarningLevel.Normal, report.Level);
        Assert.False(report.OpensReview);
    }

    [Fact]
    public void Evaluate_OpensAReviewFromWarnings_WhenThePolicySaysSo()
    {
        var eager = new EarlyWarningEvaluator(DefaultPolicies.EarlyWarning() with { ReviewFrom = WarningLevel.Warning });

        Assert.True(eager.Evaluate(new ReceivablesSnapshot { OpenReceivables = 100m, OverdueReceivables = 10m }).OpensReview);
    }

    [Fact]
    public void Evaluate_SaysWhyIndicatorsAreNotComputable()
    {
        var report = Evaluator.Evaluate(new ReceivablesSnapshot { OrdersThisPeriod = 5m, OrdersPreviousPeriod = 0m, Exposure = 10m, Limit = 0m });

        var notComputable = report.Readings.Where(r => r.Value is null).ToDictionary(r => r.Indicator, r => r.Explanation);
        Assert.Equal("not computable: no open receivables", notComputable[Indicator.OverdueRatio]);
        Assert.Contains("period sales", notComputable[Indicator.CollectionPeriodDays]);
        Assert.Contains("previous collection period", notComputable[Indicator.CollectionPeriodTrend]);
        Assert.Contains("previous period with orders", notComputable[Indicator.OrderVolumeChange]);
        Assert.Contains("positive limit", notComputable[Indicator.LimitUtilisation]);
        Assert.Contains("previous score", notComputable[Indicator.ScoreChange]);
        Assert.Contains("previous period with orders", notComputable[Indicator.OrderVolumeSurge]);
        Assert.Contains("period sales", notComputable[Indicator.DaysBeyondTerms]);
        Assert.Contains("previous period", notComputable[Indicator.DaysBeyondTermsTrend]);
        Assert.Contains("two consecutive years", notComputable[Indicator.DeterioratingRatios]);
        Assert.Contains("expiry", notComputable[Indicator.QualificationDaysLeft]);
        Assert.All(report.Readings.Where(r => r.Value is null), r => Assert.Equal(WarningLevel.Normal, r.Level));
    }

    [Fact]
    public void Parse_Refuses_AnAlertLessSevereThanItsWarning()
    {
        const string json = """
            { "policyId": "e", "version": "1",
              "thresholds": [ { "indicator": "orderVolumeChange", "direction": "lowerIsWorse", "warning": -0.4, "alert": -0.2 } ] }
            """;

        Assert.Contains("orderVolumeChange", Assert.Throws<PolicyFormatException>(() => PolicyDocuments.EarlyWarning(json)).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_Refuses_TwoThresholdsForOneIndicator()
    {
        const string json = """
            { "policyId": "e", "version": "1",
              "thresholds": [ { "indicator": "overdueRatio", "direction": "higherIsWorse", "warning": 0.1, "alert": 0.2 },
                              { "indicator": "overdueRatio", "direction": "higherIsWorse", "warning": 0.3, "alert": 0.4, "onAlert": "hold" } ] }
            """;

        Assert.Contains("overdueRatio", Assert.Throws<PolicyFormatException>(() => PolicyDocuments.EarlyWarning(json)).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void LevelOf_Snapshot_AgreesWithTheFullEvaluation_AroundEveryThreshold()
    {
        // Values on both sides of each default threshold, and missing inputs, in many combinations.
        decimal?[] amounts = [null, 0m, 50m, 100m, 250m, 1_000m];
        double?[] previous = [null, 0.0, 25.0, 120.0];
        int?[] daysLeft = [null, -5, 0, 15, 31];
        var compared = 0;
        foreach (var open in amounts)
        foreach (var overdue in amounts)
        foreach (var sales in amounts)
        foreach (var orders in amounts)
        foreach (var before in previous)
        foreach (var left in daysLeft)
        {
            var snapshot = new ReceivablesSnapshot
            {
                OpenReceivables = open ?? 0m, OverdueReceivables = overdue ?? 0m, MaxDaysPastDue = (int)(overdue ?? 0m) / 10, PeriodSales = sales, PeriodDays = 30,
                PreviousCollectionPeriodDays = before, PreviousDaysBeyondTerms = before, OrdersThisPeriod = orders, OrdersPreviousPeriod = sales,
                Exposure = open, Limit = orders, CurrentScore = (double?)open, PreviousScore = before is null ? null : 600, QualificationDaysLeft = left,
                DeterioratedRatios = left is null ? null : Enumerable.Repeat("currentRatio", (left.Value + 5) % 5).ToList(),
            };
            Assert.Equal(Evaluator.Evaluate(snapshot).Level, Evaluator.LevelOf(snapshot));
            compared++;
        }

        Assert.Equal(6 * 6 * 6 * 6 * 4 * 5, compared);
    }
}
