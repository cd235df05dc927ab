using OnboardingWorkflow.Credit.Limits;
using OnboardingWorkflow.Credit.Policies;
using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Credit.Statements;

namespace OnboardingWorkflow.Credit.Tests.Limits;

public class LimitRecommenderFacts
{
    private static readonly LimitPolicy Policy = DefaultPolicies.Limits();

    /// <summary>
    /// Tangible net worth 550,000 x scale (10 % = 55,000), working capital 250,000 (25,000),
    /// monthly sales 121,667 (12,167): capacity is the median, 25,000 x scale.
    /// </summary>
    private static FinancialYear Firm(decimal scale = 1m) => new()
    {
        Year = 2025,
        Equity = 600_000m * scale,
        IntangibleAssets = 50_000m * scale,
        CurrentAssets = 500_000m * scale,
        CurrentLiabilities = 250_000m * scale,
        TotalAssets = 1_000_000m * scale,
        TotalLiabilities = 400_000m * scale,
        Revenue = 1_460_000m * scale,
    };

    private static LimitRecommendation Recommend(LimitRequest request, Grade grade = Grade.A, RiskTier tier = RiskTier.Low, FinancialYear? year = null) =>
        LimitRecommender.Recommend(Policy, request, year ?? Firm(), grade, tier);

    [Fact]
    public void Recommend_TakesTheMedianOfTheCapacityMethods()
    {
        var result = Recommend(new LimitRequest { RequestedLimit = 100_000m });

        Assert.Equal(25_000m, result.Capacity);
        Assert.Equal(55_000m, result.Steps.Single(s => s.Step == "tangible net worth").Amount);
        Assert.Equal(25_000m, result.Steps.Single(s => s.Step == "working capital").Amount);
        Assert.Equal(12_166.67m, Math.Round(result.Steps.Single(s => s.Step == "monthly sales").Amount!.Value, 2));
    }

    [Fact]
    public void Recommend_ComputesTheNeed_AsMonthlyPurchasesTimesTermsOver30()
    {
        var result = Recommend(new LimitRequest { ExpectedMonthlyPurchases = 9_000m, TermsDays = 60 });

        Assert.Equal(18_000m, result.Need);
        Assert.Equal(18_000m, result.RecommendedLimit);
        Assert.Equal(60, result.TermsDays);
        Assert.Equal(Security.None, result.Security);
    }

    [Fact]
    public void Recommend_TargetsTheNeed_WhenTheRequestExceedsIt()
    {
        var result = Recommend(new LimitRequest { RequestedLimit = 24_000m, ExpectedMonthlyPurchases = 6_000m, TermsDays = 30 });

        Assert.Equal(6_000m, result.RecommendedLimit);
        Assert.Contains("exceeds the need", result.Steps.Single(s => s.Step == "target").Explanation);
    }

    [Fact]
    public void Recommend_GrantsTheRequest_WhenItFitsTheAcceptableAmount_RoundedDownToTheUnit()
    {
        var result = Recommend(new LimitRequest { RequestedLimit = 12_345m });

        Assert.Equal(12_000m, result.RecommendedLimit);
        Assert.Equal(25_000m, result.Acceptable);
    }

    [Fact]
    public void Recommend_CapsAtTheConcentrationShareOfOurOwnSales()
    {
        var result = Recommend(new LimitRequest { RequestedLimit = 20_000m, OwnAnnualSales = 300_000m });

        Assert.Equal(15_000m, result.Steps.Single(s => s.Step == "concentration cap").Amount);
        Assert.Equal(15_000m, result.Acceptable);
        Assert.Equal(15_000m, result.RecommendedLimit);
    }

    [Fact]
    public void Recommend_CapsAtTheGradeMaximum()
    {
        var result = Recommend(new LimitRequest { RequestedLimit = 400_000m }, Grade.B, RiskTier.High, Firm(scale: 100m));

        Assert.Equal(2_500_000m, result.Capacity);
        Assert.Equal(200_000m, result.Acceptable);
        Assert.Equal(200_000m, result.RecommendedLimit);
    }

    [Fact]
    public void Recommend_ShortensTerms_WhenTheNeedExceedsTheAcceptableAmount()
    {
        var result = Recommend(new LimitRequest { ExpectedMonthlyPurchases = 20_000m, TermsDays = 60 });

        Assert.Equal(40_000m, result.Need);
        Assert.Equal(25_000m, result.RecommendedLimit);
        Assert.Equal(37, result.TermsDays); // 25,000 x 30 / 20,000 = 37.5
        Assert.Equal(Security.None, result.Security);
        Assert.Contains(result.Steps, s => s.Step == "shorter terms");
    }

    [Fact]
    public void Recommend_AsksForPartialPrepayment_WhenShorterTermsWouldFallBelowTheMinimum_ForMediumRisk()
    {
        var result = Recommend(new LimitRequest { ExpectedMonthlyPurchases = 100_000m, TermsDays = 30 }, Grade.BB, RiskTier.Medium);

        Assert.Equal(25_000m, result.RecommendedLimit);
        Assert.Equal(30, result.TermsDays);
        Assert.Equal(Security.PartialPrepayment, result.Security);
        Assert.Equal(0.75, result.PrepaymentShare);
    }

    [Fact]
    public void Recommend_AsksForAGuaranteeOverTheShortfall_ForHighRisk()
    {
        var result = Recommend(new LimitRequest { ExpectedMonthlyPurchases = 100_000m, TermsDays = 30 }, Grade.B, RiskTier.High);

        Assert.Equal(Security.Guarantee, result.Security);
        Assert.Equal(75_000m, result.GuaranteeAmount);
    }

    [Fact]
    public void Recommend_LimitsTermsToTheTierMaximum_AndAppliesStandingSecurity()
    {
        var result = Recommend(new LimitRequest { RequestedLimit = 10_000m, TermsDays = 60 }, Grade.BBB, RiskTier.Medium);

        Assert.Equal(45, result.TermsDays);
        Assert.Equal(Security.PartialPrepayment, result.Security);
        Assert.Equal(0.2, result.PrepaymentShare);
        Assert.Contains(result.Steps, s => s.Step == "terms" && s.Explanation.Contains("at most 45 days"));
    }

    [Fact]
    public void Recommend_GrantsNothing_WhenTangibleNetWorthIsNotPositive()
    {
        var insolvent = Firm() with { Equity = 40_000m, IntangibleAssets = 50_000m };

        var result = Recommend(new LimitRequest { RequestedLimit = 10_000m }, Grade.B, RiskTier.High, insolvent);

        Assert.Equal(0m, result.Capacity);
        Assert.Equal(0m, result.RecommendedLimit);
        Assert.Equal(Security.Prepayment, result.Security);
        Assert.Contains(result.Steps, s => s.Explanation.Contains("tangible net worth -10,000 is not positive"));
    }

    [Fact]
    public void Recommend_GrantsNothing_ForGradesWithoutAMaximum()
    {
        var result = Recommend(new LimitRequest { RequestedLimit = 10_000m }, Grade.CC, RiskTier.High);

        Assert.Equal(0m, result.RecommendedLimit);
        Assert.Equal(Security.Prepayment, result.Security);
    }

    [Fact]
    public void Recommend_SaysCapacityIsUnknown_WithoutStatements()
    {
        var result = LimitRecommender.Recommend(Policy, new LimitRequest { RequestedLimit = 10_000m }, null, Grade.A, RiskTier.Low);

        Assert.Null(result.Capacity);
        Assert.Equal(0m, result.RecommendedLimit);
        Assert.Contains(result.Steps, s => s.Explanation.StartsWith("no financial statements"));
    }

    [Fact]
    public void Recommend_GrantsNothing_AfterAKnockOut()
    {
        var result = LimitRecommender.Recommend(Policy, new LimitRequest { RequestedLimit = 10_000m }, Firm(), Grade.AAA, RiskTier.Low, rejected: true);

        Assert.Equal(0m, result.RecommendedLimit);
        Assert.Equal(Security.Prepayment, result.Security);
        Assert.Equal("knock-out", result.Steps.Single().Step);
    }

    [Fact]
    public void Recommend_ExplainsEveryStep_EndingWithTheRecommendation()
    {
        var result = Recommend(new LimitRequest { RequestedLimit = 10_000m, OwnAnnualSales = 10_000_000m });

        Assert.Equal(
            ["tangible net worth", "working capital", "monthly sales", "capacity", "target", "concentration cap", "grade maximum", "acceptable", "recommended"],
            result.Steps.Select(s => s.Step));
    }

    [Fact]
    public void Recommend_LeavesOnlyTheHeadroom_WhenTheCustomerAlreadyHasExposure()
    {
        // Capacity 25,000 x 4 = 100,000 total; 70,000 is open already, so 30,000 more is acceptable.
        var result = Recommend(new LimitRequest { RequestedLimit = 50_000m, CurrentExposure = 70_000m }, year: Firm(4m));

        Assert.Equal(30_000m, result.RecommendedLimit);
        Assert.Equal(30_000m, result.Steps.Single(s => s.Step == "headroom").Amount);
    }

    [Fact]
    public void Recommend_ConcentrationCapCountsTheCurrentExposure()
    {
        // 5 % of 2,000,000 own sales = 100,000 on the whole exposure; 90,000 is open.
        var policy = Policy with { ConcentrationShare = 0.05 };
        var result = LimitRecommender.Recommend(policy, new LimitRequest { RequestedLimit = 50_000m, CurrentExposure = 90_000m, OwnAnnualSales = 2_000_000m },
            Firm(100m), Grade.AAA, RiskTier.Low);

        Assert.Equal(10_000m, result.RecommendedLimit);
    }

    [Fact]
    public void Recommend_GrantsNothingMore_WhenTheExposureAlreadyFillsTheAcceptableAmount()
    {
        var result = Recommend(new LimitRequest { RequestedLimit = 10_000m, CurrentExposure = 500_000m });

        Assert.Equal(0m, result.RecommendedLimit);
    }
}
