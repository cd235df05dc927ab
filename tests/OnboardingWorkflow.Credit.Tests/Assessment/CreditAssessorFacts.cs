using System.Text.Json;
using OnboardingWorkflow.Credit.Assessment;
using OnboardingWorkflow.Credit.Limits;
using OnboardingWorkflow.Credit.Policies;
using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Credit.Tests.TestSupport;

namespace OnboardingWorkflow.Credit.Tests.Assessment;

public class CreditAssessorFacts
{
    private static readonly CreditPolicies Policies = DefaultPolicies.All();

    private static CreditApplication Sample() =>
        CreditJson.Deserialize<CreditApplication>(File.ReadAllText(RepoPaths.Sample("sample-application.json")), "sample-application.json");

    private static IReadOnlyDictionary<string, JsonElement> Json(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Fact]
    public void Assess_TheSampleApplication_ExplainsEveryStep()
    {
        var assessment = CreditAssessor.Assess(Sample(), Policies);

        Assert.Equal("CNY", assessment.Currency);
        Assert.Equal(680, assessment.Score.Score);
        Assert.Equal(Grade.BBB, assessment.Score.Grade);
        Assert.Equal(RiskTier.Medium, assessment.Score.Tier);
        Assert.Equal(260_000m, assessment.Limit.RecommendedLimit);
        Assert.Equal(31, assessment.Limit.TermsDays);
        Assert.Equal(600_000m, assessment.ExposureAfterRequest);
        Assert.Equal("AM-2-MANAGER", assessment.Approval.RuleId);
        Assert.Equal(new DateOnly(2027, 5, 20), assessment.NextReview);
        Assert.Equal("default-scorecard@2026.1", assessment.PolicyVersions["scorecard"]);
    }

    [Fact]
    public void Assess_RoutesAKnockedOutCase_ToTheExceptionRoute_WithNoLimit()
    {
        var application = Sample() with { Facts = Json("""{ "inBankruptcy": true }""") };

        var assessment = CreditAssessor.Assess(application, Policies);

        Assert.Equal(ScoreDecision.Reject, assessment.Score.Decision);
        Assert.Equal(0m, assessment.Limit.RecommendedLimit);
        Assert.Equal(Security.Prepayment, assessment.Limit.Security);
        Assert.Equal("AM-3-COMMITTEE", assessment.Approval.RuleId);
    }

    [Fact]
    public void Assess_AddsCurrentExposure_ToTheRequestedLimit_ForTheAuthorityMatrix()
    {
        var application = Sample() with { Request = Sample().Request with { CurrentExposure = 500_000m } };

        var assessment = CreditAssessor.Assess(application, Policies);

        Assert.Equal(1_100_000m, assessment.ExposureAfterRequest);
        Assert.Equal("AM-3-COMMITTEE", assessment.Approval.RuleId);
    }

    [Fact]
    public void Assess_Throws_WithEveryInvalidField()
    {
        var application = Sample() with
        {
            Customer = new CustomerInfo { Name = "", FoundedOn = new DateOnly(2030, 1, 1) },
            Request = new LimitRequest { TermsDays = -1, RequestedLimit = -5m, CurrentExposure = -1m, ExpectedMonthlyPurchases = -2m },
        };

        var ex = Assert.Throws<CreditInputException>(() => CreditAssessor.Assess(application, Policies));

        Assert.Equal(
            ["customer.name", "customer.foundedOn", "request.termsDays", "request.requestedLimit", "request.expectedMonthlyPurchases", "request.currentExposure"],
            ex.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Facts_ExposeRatiosAltmanYearsAnswersAndRawCharacteristics()
    {
        var application = Sample() with
        {
            Characteristics = Json("""{ "Attr27": 1.5, "currentRatio": 9.9 }"""),
        };
        var ratios = Credit.Ratios.RatioAnalyzer.Analyze(application.Statements!);
        var altman = Credit.Altman.AltmanCalculator.ComputeAll(application.Statements!.Latest!);

        var facts = CreditAssessor.Facts(application, ratios, altman);

        Assert.Equal(14.52, facts[CreditAssessor.YearsInBusiness].Number);
        Assert.Equal("strong", facts["answer.managementQuality"].Text);
        Assert.True(facts["altmanZPrime"].Number > 2.7);
        Assert.True(facts["altmanZ"].IsMissing);
        Assert.Equal(1.5, facts["Attr27"].Number);
        Assert.Equal(9.9, facts["currentRatio"].Number);
        Assert.Equal(0, facts["onNegativeList"].Number);
    }

    [Fact]
    public void Assess_WorksWithoutStatements_ScoringOnFactsAlone()
    {
        var application = Sample() with { Statements = null };

        var assessment = CreditAssessor.Assess(application, Policies);

        Assert.Null(assessment.Ratios);
        Assert.Null(assessment.Altman);
        Assert.Equal(Scorer.MissingBin, assessment.Score.Characteristics.Single(c => c.Key == "currentRatio").Bin);
        Assert.Null(assessment.Limit.Capacity);
    }
}
