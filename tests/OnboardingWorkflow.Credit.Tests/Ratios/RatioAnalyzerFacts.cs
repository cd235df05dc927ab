using OnboardingWorkflow.Credit.Ratios;
using OnboardingWorkflow.Credit.Tests.TestSupport;

namespace OnboardingWorkflow.Credit.Tests.Ratios;

public class RatioAnalyzerFacts
{
    private static RatioReport Analyze(params Credit.Statements.FinancialYear[] years) => RatioAnalyzer.Analyze(Build.Statements(years));

    [Theory]
    [InlineData(RatioKeys.CurrentRatio, 2.0)]                          // 500 / 250
    [InlineData(RatioKeys.QuickRatio, 1.2)]                            // (100 + 200) / 250
    [InlineData(RatioKeys.DebtRatio, 0.4)]                             // 400 / 1,000
    [InlineData(RatioKeys.DebtToEquity, 400.0 / 600.0)]
    [InlineData(RatioKeys.InterestCoverage, 7.0)]                      // 140 / 20
    [InlineData(RatioKeys.CurrentLiabilitiesToNetWorth, 250.0 / 600.0)]
    [InlineData(RatioKeys.ReceivablesTurnover, 7.3)]                   // 1,460 / 200
    [InlineData(RatioKeys.CollectionPeriodDays, 50.0)]                 // 200 / 1,460 x 365
    [InlineData(RatioKeys.InventoryTurnover, 1_000.0 / 150.0)]
    [InlineData(RatioKeys.TotalAssetTurnover, 1.46)]
    [InlineData(RatioKeys.GrossMargin, 460.0 / 1_460.0)]
    [InlineData(RatioKeys.OperatingMargin, 0.1)]                       // 146 / 1,460
    [InlineData(RatioKeys.NetMargin, 0.05)]                            // 73 / 1,460
    [InlineData(RatioKeys.ReturnOnAssets, 0.073)]
    [InlineData(RatioKeys.ReturnOnEquity, 73.0 / 600.0)]
    [InlineData(RatioKeys.OperatingCashFlowToCurrentLiabilities, 0.5)] // 125 / 250
    public void Analyze_ComputesEachRatio_WithWorkedNumbers(string key, double expected)
    {
        var report = Analyze(Build.Year());

        Assert.Equal(expected, report.ValueOf(key)!.Value, 10);
    }

    [Fact]
    public void Analyze_GroupsRatios_AsTheDomainDoes()
    {
        var report = Analyze(Build.Year());

        Assert.Equal(RatioGroup.Solvency, report[RatioKeys.InterestCoverage].Group);
        Assert.Equal(RatioGroup.Operations, report[RatioKeys.CollectionPeriodDays].Group);
        Assert.Equal(RatioGroup.Profitability, report[RatioKeys.ReturnOnEquity].Group);
        Assert.Equal(RatioGroup.Growth, report[RatioKeys.RevenueGrowth].Group);
        Assert.Equal(RatioGroup.CashFlow, report[RatioKeys.OperatingCashFlowToCurrentLiabilities].Group);
    }

    [Fact]
    public void Analyze_ComputesGrowth_FromTheYearBefore()
    {
        var prior = Build.Year(2024) with { Revenue = 1_000m, OperatingProfit = 200m, TotalAssets = 800m };

        var report = Analyze(prior, Build.Year(2025));

        Assert.Equal(2025, report.Year);
        Assert.Equal(0.46, report.ValueOf(RatioKeys.RevenueGrowth)!.Value, 10);
        Assert.Equal(-0.27, report.ValueOf(RatioKeys.OperatingProfitGrowth)!.Value, 10);
        Assert.Equal(0.25, report.ValueOf(RatioKeys.TotalAssetGrowth)!.Value, 10);
    }

    [Fact]
    public void Analyze_SaysGrowthNeedsTwoYears_ForASingleYear()
    {
        var report = Analyze(Build.Year());

        foreach (var key in new[] { RatioKeys.RevenueGrowth, RatioKeys.OperatingProfitGrowth, RatioKeys.TotalAssetGrowth })
        {
            Assert.False(report[key].IsComputable);
            Assert.Contains("growth needs two years", report[key].NotComputableReason);
            Assert.Contains("2024", report[key].NotComputableReason);
        }
    }

    [Fact]
    public void Analyze_SaysGrowthNeedsTwoYears_WhenTheYearBeforeIsNotConsecutive()
    {
        var report = Analyze(Build.Year(2022), Build.Year(2025));

        Assert.Contains("2024 are missing", report[RatioKeys.RevenueGrowth].NotComputableReason);
    }

    [Fact]
    public void Analyze_RefusesGrowth_OnANegativeOrZeroBase()
    {
        var report = Analyze(Build.Year(2024) with { OperatingProfit = -50m, Revenue = 0m }, Build.Year(2025));

        Assert.Equal("operatingProfit of 2024 is negative (-50): the ratio has no meaning", report[RatioKeys.OperatingProfitGrowth].NotComputableReason);
        Assert.Equal(Reason.NegativeInYear, report[RatioKeys.OperatingProfitGrowth].Why!.Code);
        Assert.Equal(["operatingProfit", 2024, -50m], report[RatioKeys.OperatingProfitGrowth].Why!.Args);
        Assert.Equal("revenue of 2024 is zero", report[RatioKeys.RevenueGrowth].NotComputableReason);
    }

    [Fact]
    public void Analyze_SaysWhichYearIsMissingAFigure_ForGrowth()
    {
        var report = Analyze(Build.Year(2024) with { OperatingProfit = null }, Build.Year(2025) with { TotalAssets = 1_000m, OperatingCashFlow = null });

        Assert.Equal("operatingProfit of 2024 is missing", report[RatioKeys.OperatingProfitGrowth].NotComputableReason);
        Assert.False(report[RatioKeys.OperatingCashFlowToCurrentLiabilities].IsComputable);
    }

    [Fact]
    public void Analyze_ReportsZeroDenominators_AsNotComputable()
    {
        var year = Build.Year() with { CurrentLiabilities = 0m, InterestExpense = 0m, Receivables = 0m, Inventory = 0m, Revenue = 0m };

        var report = Analyze(year);

        Assert.Equal("currentLiabilities is zero", report[RatioKeys.CurrentRatio].NotComputableReason);
        Assert.Equal("currentLiabilities is zero", report[RatioKeys.QuickRatio].NotComputableReason);
        Assert.Equal("currentLiabilities is zero", report[RatioKeys.OperatingCashFlowToCurrentLiabilities].NotComputableReason);
        Assert.Equal("interestExpense is zero", report[RatioKeys.InterestCoverage].NotComputableReason);
        Assert.Equal("receivables is zero", report[RatioKeys.ReceivablesTurnover].NotComputableReason);
        Assert.Equal("revenue is zero", report[RatioKeys.CollectionPeriodDays].NotComputableReason);
        Assert.Equal("inventory is zero", report[RatioKeys.InventoryTurnover].NotComputableReason);
        Assert.Equal("revenue is zero", report[RatioKeys.GrossMargin].NotComputableReason);
        Assert.Equal("revenue is zero", report[RatioKeys.OperatingMargin].NotComputableReason);
        Assert.Equal("revenue is zero", report[RatioKeys.NetMargin].NotComputableReason);
    }

    [Fact]
    public void Analyze_ReportsMissingFigures_AsNotComputable()
    {
        var year = Build.Year() with
        {
            Cash = null, CurrentAssets = null, Ebit = null, CostOfSales = null, OperatingProfit = null, NetIncome = null, OperatingCashFlow = null,
        };

        var report = Analyze(year);

        Assert.Equal("currentAssets is missing", report[RatioKeys.CurrentRatio].NotComputableReason);
        Assert.Equal("cash is missing", report[RatioKeys.QuickRatio].NotComputableReason);
        Assert.Equal(Reason.Missing, report[RatioKeys.QuickRatio].Why!.Code);
        Assert.Equal(["cash"], report[RatioKeys.QuickRatio].Why!.Args);
        Assert.Equal("ebit is missing", report[RatioKeys.InterestCoverage].NotComputableReason);
        Assert.Equal("costOfSales is missing", report[RatioKeys.InventoryTurnover].NotComputableReason);
        Assert.Equal("costOfSales is missing", report[RatioKeys.GrossMargin].NotComputableReason);
        Assert.Equal("operatingProfit is missing", report[RatioKeys.OperatingMargin].NotComputableReason);
        Assert.Equal("netIncome is missing", report[RatioKeys.ReturnOnAssets].NotComputableReason);
        Assert.Equal("operatingCashFlow is missing", report[RatioKeys.OperatingCashFlowToCurrentLiabilities].NotComputableReason);
    }

    [Fact]
    public void Analyze_ReportsMissingDenominators_AsNotComputable()
    {
        var report = Analyze(Build.Year() with { CurrentLiabilities = null, InterestExpense = null, Inventory = null, Receivables = null });

        Assert.Equal("currentLiabilities is missing", report[RatioKeys.CurrentRatio].NotComputableReason);
        Assert.Equal("interestExpense is missing", report[RatioKeys.InterestCoverage].NotComputableReason);
        Assert.Equal("inventory is missing", report[RatioKeys.InventoryTurnover].NotComputableReason);
        Assert.Equal("receivables is missing", report[RatioKeys.ReceivablesTurnover].NotComputableReason);
    }

    [Fact]
    public void Analyze_RefusesEquityRatios_AndWarns_WhenEquityIsNegative()
    {
        var insolvent = Build.Year() with { TotalLiabilities = 1_200m, Equity = -200m, CurrentLiabilities = 900m, NetIncome = -150m };

        var report = Analyze(insolvent);

        Assert.Contains("equity is negative", report[RatioKeys.DebtToEquity].NotComputableReason);
        Assert.Contains("equity is negative", report[RatioKeys.ReturnOnEquity].NotComputableReason);
        Assert.Contains("equity is negative", report[RatioKeys.CurrentLiabilitiesToNetWorth].NotComputableReason);
        Assert.Equal(1.2, report.ValueOf(RatioKeys.DebtRatio)!.Value, 10);
        Assert.Contains(report.WarningSigns, w => w.StartsWith("negative equity"));
        Assert.Contains(report.WarningSigns, w => w.StartsWith("current ratio"));
    }

    [Fact]
    public void Analyze_NeverReturnsNaNOrInfinity_ForAnEmptyYear()
    {
        var empty = new Credit.Statements.FinancialYear { Year = 2025, TotalAssets = 0m, Equity = 0m };

        var report = Analyze(empty);

        Assert.All(report.Ratios, r =>
        {
            Assert.Null(r.Value);
            Assert.False(string.IsNullOrEmpty(r.NotComputableReason));
        });
    }

    [Fact]
    public void Analyze_FlagsCurrentLiabilitiesAbove80PercentOfNetWorth()
    {
        var report = Analyze(Build.Year() with { CurrentLiabilities = 490m, TotalLiabilities = 640m, Equity = 360m });

        Assert.Contains(report.WarningSigns, w => w.StartsWith("current liabilities are 136 % of net worth") || w.StartsWith("current liabilities are 136% of net worth"));
    }

    [Fact]
    public void Analyze_DoesNotFlagCurrentLiabilities_AtExactly80PercentOfNetWorth()
    {
        var report = Analyze(Build.Year() with { CurrentLiabilities = 400m, TotalLiabilities = 500m, Equity = 500m });

        Assert.Equal(0.8, report.ValueOf(RatioKeys.CurrentLiabilitiesToNetWorth)!.Value, 10);
        Assert.DoesNotContain(report.WarningSigns, w => w.StartsWith("current liabilities are"));
    }

    [Theory]
    [InlineData(30, true)]   // 50 days is 20 beyond 30-day terms
    [InlineData(35, false)]  // exactly 15 beyond: not yet a concern
    [InlineData(60, false)]
    public void Analyze_FlagsACollectionPeriodMoreThan15DaysBeyondTerms(int termsDays, bool flagged)
    {
        var report = RatioAnalyzer.Analyze(Build.Statements(Build.Year()), termsDays);

        Assert.Equal(flagged, report.WarningSigns.Any(w => w.StartsWith("collection period")));
    }

    [Fact]
    public void Analyze_FlagsInterestCoverageBelowOne()
    {
        var report = Analyze(Build.Year() with { Ebit = 10m });

        Assert.Contains(report.WarningSigns, w => w.StartsWith("interest coverage 0.50"));
    }

    [Fact]
    public void Analyze_StatesEachWarningSign_AsACodeWithItsFigures_SoAnyLanguageCanTellIt()
    {
        var report = RatioAnalyzer.Analyze(Build.Statements(Build.Year() with { Ebit = 10m, CurrentLiabilities = 490m, TotalLiabilities = 640m, Equity = 360m }), 30);

        var signs = report.Signs.ToDictionary(s => s.Code);
        Assert.Equal([Reason.HighCurrentLiabilities, Reason.InterestNotCovered, Reason.SlowCollection], signs.Keys.Order());
        Assert.Equal(490.0 / 360.0, (double)signs[Reason.HighCurrentLiabilities].Args[0], 10);
        Assert.Equal(RatioAnalyzer.CurrentLiabilitiesToNetWorthWarning, signs[Reason.HighCurrentLiabilities].Args[1]);
        Assert.Equal(30, signs[Reason.SlowCollection].Args[2]);
        Assert.Equal(report.WarningSigns, report.Signs.Select(s => s.Text));
    }

    [Fact]
    public void Reason_RefusesACodeItCannotTell()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Reason.Of("noSuchReason"));
    }
}
