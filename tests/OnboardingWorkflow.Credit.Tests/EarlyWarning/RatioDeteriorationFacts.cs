using OnboardingWorkflow.Credit.EarlyWarning;
using OnboardingWorkflow.Credit.Ratios;
using OnboardingWorkflow.Credit.Statements;

namespace OnboardingWorkflow.Credit.Tests.EarlyWarning;

public class RatioDeteriorationFacts
{
    private static FinancialYear Year(int year, decimal currentAssets, decimal currentLiabilities, decimal totalLiabilities, decimal netIncome) => new()
    {
        Year = year, Cash = 1_000m, Receivables = 2_000m, CurrentAssets = currentAssets, CurrentLiabilities = currentLiabilities,
        TotalAssets = 20_000m, TotalLiabilities = totalLiabilities, Equity = 20_000m - totalLiabilities, Revenue = 50_000m, NetIncome = netIncome,
    };

    [Fact]
    public void Compare_FlagsRatiosThatMovedTheWrongWayByTheShare_AndOnlyThose()
    {
        // Current ratio 2.0 -> 1.5 (-25 %), debt ratio 0.40 -> 0.42 (+5 %), net margin 0.04 -> 0.02 (-50 %).
        var statements = new FinancialStatements
        {
            Currency = "CNY",
            Years = [Year(2024, 8_000m, 4_000m, 8_000m, 2_000m), Year(2025, 6_000m, 4_000m, 8_400m, 1_000m)],
        };

        var movements = RatioDeterioration.Compare(statements, 0.10)!.ToDictionary(m => m.Key);

        Assert.True(movements[RatioKeys.CurrentRatio].Deteriorated);
        Assert.Equal(2.0, movements[RatioKeys.CurrentRatio].Before, 6);
        Assert.Equal(1.5, movements[RatioKeys.CurrentRatio].Now, 6);
        Assert.False(movements[RatioKeys.DebtRatio].Deteriorated);
        Assert.True(movements[RatioKeys.NetMargin].Deteriorated);
        Assert.False(movements.ContainsKey(RatioKeys.InterestCoverage));
        Assert.Equal([RatioKeys.CurrentRatio, RatioKeys.NetMargin], RatioDeterioration.Deteriorated(statements, 0.10)!.Order());
    }

    [Fact]
    public void Compare_IsNotComputable_WithOneYear_OrYearsThatAreNotConsecutive()
    {
        Assert.Null(RatioDeterioration.Compare(new FinancialStatements { Currency = "CNY", Years = [Year(2025, 6_000m, 4_000m, 8_000m, 1_000m)] }, 0.10));
        Assert.Null(RatioDeterioration.Compare(new FinancialStatements
        {
            Currency = "CNY", Years = [Year(2022, 6_000m, 4_000m, 8_000m, 1_000m), Year(2025, 6_000m, 4_000m, 8_000m, 1_000m)],
        }, 0.10));
    }

    [Fact]
    public void Compare_DoesNotFlagImprovements()
    {
        var statements = new FinancialStatements
        {
            Currency = "CNY",
            Years = [Year(2024, 6_000m, 4_000m, 8_400m, 1_000m), Year(2025, 8_000m, 4_000m, 8_000m, 2_000m)],
        };

        Assert.Empty(RatioDeterioration.Deteriorated(statements, 0.10)!);
    }
}
