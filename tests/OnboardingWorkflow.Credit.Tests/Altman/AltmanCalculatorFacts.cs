using OnboardingWorkflow.Credit.Altman;
using OnboardingWorkflow.Credit.Tests.TestSupport;

namespace OnboardingWorkflow.Credit.Tests.Altman;

public class AltmanCalculatorFacts
{
    [Fact]
    public void ZDoublePrime_Is4459_ForTheWorkedCase()
    {
        var result = AltmanCalculator.Compute(Build.AltmanWorkedCase(), AltmanModel.ZDoublePrime);

        Assert.Equal(4.459, result.Score!.Value, 3);
        Assert.Equal(AltmanZone.Safe, result.Zone);
        Assert.Equal(0.25, result.Inputs!["x1"], 10);
        Assert.Equal(10_000.0 / 7_000.0, result.Inputs["x4"], 10);
    }

    [Fact]
    public void ZPrime_UsesBookEquityAndSales()
    {
        // X1 0.25, X2 0.25, X3 0.075, X4 10,000/7,000, X5 30,000/20,000 = 1.5
        var year = Build.AltmanWorkedCase() with { Revenue = 30_000m };
        var expected = (0.717 * 0.25) + (0.847 * 0.25) + (3.107 * 0.075) + (0.420 * 10_000.0 / 7_000.0) + (0.998 * 1.5);

        var result = AltmanCalculator.Compute(year, AltmanModel.ZPrime);

        Assert.Equal(expected, result.Score!.Value, 10);
        Assert.Equal(2.7210, result.Score.Value, 4);
        Assert.Equal(AltmanZone.Grey, result.Zone);
    }

    [Fact]
    public void Z_UsesMarketEquity()
    {
        // X1 0.25, X2 0.25, X3 0.075, X4 14,000/7,000 = 2, X5 1.5
        var year = Build.AltmanWorkedCase() with { Revenue = 30_000m, MarketValueOfEquity = 14_000m };

        var result = AltmanCalculator.Compute(year, AltmanModel.Z);

        Assert.Equal((1.2 * 0.25) + (1.4 * 0.25) + (3.3 * 0.075) + (0.6 * 2) + 1.5, result.Score!.Value, 10);
        Assert.Equal(3.5975, result.Score.Value, 4);
    }

    [Fact]
    public void Z_IsNotComputable_WithoutMarketValueOfEquity()
    {
        var result = AltmanCalculator.Compute(Build.AltmanWorkedCase() with { Revenue = 30_000m }, AltmanModel.Z);

        Assert.False(result.IsComputable);
        Assert.Null(result.Zone);
        Assert.Contains("marketValueOfEquity", result.NotComputableReason);
    }

    [Theory]
    [InlineData("totalAssets", "totalAssets is missing")]
    [InlineData("zeroAssets", "totalAssets is not positive")]
    [InlineData("totalLiabilities", "totalLiabilities is missing")]
    [InlineData("zeroLiabilities", "totalLiabilities is zero")]
    [InlineData("currentAssets", "currentAssets is missing")]
    [InlineData("currentLiabilities", "currentLiabilities is missing")]
    [InlineData("retainedEarnings", "retainedEarnings is missing")]
    [InlineData("ebit", "ebit is missing")]
    [InlineData("equity", "equity is missing")]
    public void ZDoublePrime_IsNotComputable_WhenAnInputIsMissingOrZero(string gap, string reason)
    {
        var year = gap switch
        {
            "totalAssets" => Build.AltmanWorkedCase() with { TotalAssets = null },
            "zeroAssets" => Build.AltmanWorkedCase() with { TotalAssets = 0m },
            "totalLiabilities" => Build.AltmanWorkedCase() with { TotalLiabilities = null },
            "zeroLiabilities" => Build.AltmanWorkedCase() with { TotalLiabilities = 0m },
            "currentAssets" => Build.AltmanWorkedCase() with { CurrentAssets = null },
            "currentLiabilities" => Build.AltmanWorkedCase() with { CurrentLiabilities = null },
            "retainedEarnings" => Build.AltmanWorkedCase() with { RetainedEarnings = null },
            "ebit" => Build.AltmanWorkedCase() with { Ebit = null },
            _ => Build.AltmanWorkedCase() with { Equity = null },
        };

        var result = AltmanCalculator.Compute(year, AltmanModel.ZDoublePrime);

        Assert.Null(result.Score);
        Assert.StartsWith(reason, result.NotComputableReason);
    }

    [Fact]
    public void ZPrime_IsNotComputable_WithoutRevenue_ButZDoublePrimeIs()
    {
        var year = Build.AltmanWorkedCase();

        Assert.Equal("revenue is missing", AltmanCalculator.Compute(year, AltmanModel.ZPrime).NotComputableReason);
        Assert.True(AltmanCalculator.Compute(year, AltmanModel.ZDoublePrime).IsComputable);
    }

    [Theory]
    [InlineData(AltmanModel.Z, 3.00, AltmanZone.Safe)]
    [InlineData(AltmanModel.Z, 2.99, AltmanZone.Grey)]
    [InlineData(AltmanModel.Z, 1.81, AltmanZone.Grey)]
    [InlineData(AltmanModel.Z, 1.80, AltmanZone.Distress)]
    [InlineData(AltmanModel.ZPrime, 2.91, AltmanZone.Safe)]
    [InlineData(AltmanModel.ZPrime, 2.90, AltmanZone.Grey)]
    [InlineData(AltmanModel.ZPrime, 1.23, AltmanZone.Grey)]
    [InlineData(AltmanModel.ZPrime, 1.22, AltmanZone.Distress)]
    [InlineData(AltmanModel.ZDoublePrime, 2.61, AltmanZone.Safe)]
    [InlineData(AltmanModel.ZDoublePrime, 2.60, AltmanZone.Grey)]
    [InlineData(AltmanModel.ZDoublePrime, 1.10, AltmanZone.Grey)]
    [InlineData(AltmanModel.ZDoublePrime, 1.09, AltmanZone.Distress)]
    public void ZoneOf_PlacesScoresAroundTheCutOffs(AltmanModel model, double score, AltmanZone zone)
    {
        Assert.Equal(zone, AltmanCalculator.ZoneOf(model, score));
    }

    [Fact]
    public void ZDoublePrime_FallsInDistress_ForNegativeWorkingCapitalAndLosses()
    {
        var year = Build.AltmanWorkedCase() with { CurrentAssets = 2_000m, CurrentLiabilities = 6_000m, RetainedEarnings = -4_000m, Ebit = -500m };

        var result = AltmanCalculator.Compute(year, AltmanModel.ZDoublePrime);

        Assert.Equal(AltmanZone.Distress, result.Zone);
        Assert.True(result.Score < 1.10);
    }
}
