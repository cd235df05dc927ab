using OnboardingWorkflow.Credit.Policies;
using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Tests.Scoring;

public class ScorecardPolicyDocumentFacts
{
    [Fact]
    public void ToJson_ThenParse_GivesAnEqualScoringPolicy()
    {
        var policy = DefaultPolicies.Scorecard();

        var again = ScorecardPolicyDocument.Parse(ScorecardPolicyDocument.ToJson(policy));

        Assert.Equal(policy.PolicyId, again.PolicyId);
        Assert.Equal(policy.Characteristics.Count, again.Characteristics.Count);
        Assert.Equal(policy.GradeBands, again.GradeBands);
        var facts = new Dictionary<string, FactValue> { ["currentRatio"] = FactValue.Of(1.7), ["answer.marketPosition"] = FactValue.Of("leading") };
        Assert.Equal(Scorer.Score(policy, facts).Score, Scorer.Score(again, facts).Score);
    }

    [Fact]
    public void ToJson_WritesEnumsAsCamelCaseText()
    {
        var json = ScorecardPolicyDocument.ToJson(DefaultPolicies.Scorecard());

        Assert.Contains("\"kind\": \"categorical\"", json);
        Assert.Contains("\"tier\": \"low\"", json);
        Assert.Contains("\"grade\": \"AAA\"", json);
    }

    [Fact]
    public void Parse_NamesThePath_OfMalformedJson()
    {
        var ex = Assert.Throws<PolicyFormatException>(() => ScorecardPolicyDocument.Parse("""{ "policyId": "x", "version": 3 }""", "bad.json"));

        Assert.StartsWith("bad.json: invalid JSON at $.version", ex.Message);
    }

    [Fact]
    public void Parse_Refuses_WhenARequiredMemberIsMissing()
    {
        var ex = Assert.Throws<PolicyFormatException>(() => ScorecardPolicyDocument.Parse("""{ "policyId": "x", "version": "1" }"""));

        Assert.Contains("scaling", ex.Message);
    }

    [Fact]
    public void Validate_ReportsOverlappingBinsMissingGradesAndUnmappedTiers()
    {
        var policy = DefaultPolicies.Scorecard() with
        {
            Characteristics = [new Characteristic { Key = "x", Bins = [new Bin { Max = 2, Points = 1 }, new Bin { Min = 1, Points = 2 }] }],
            GradeBands = [new GradeBand(Grade.AAA, 700), new GradeBand(Grade.AA, 710)],
            Tiers = [new TierMapping(RiskTier.Low, [Grade.AAA, Grade.AA])],
        };

        var errors = ScorecardPolicyDocument.Validate(policy);

        Assert.Contains(errors, e => e.Contains("overlap"));
        Assert.Contains(errors, e => e.StartsWith("gradeBands must list all nine grades"));
        Assert.Contains(errors, e => e.StartsWith("gradeBands[1] (AA): minScore must be below"));
        Assert.Contains(errors, e => e == "tiers: grade C must belong to exactly one tier, belongs to 0");
    }

    [Fact]
    public void Validate_ReportsCategoricalBinsWithoutValues_AndNumericKnockOutsWithoutThreshold()
    {
        var policy = DefaultPolicies.Scorecard() with
        {
            Characteristics = [new Characteristic { Key = "q", Kind = CharacteristicKind.Categorical, Bins = [new Bin { Points = 1 }] }],
            KnockOuts = [new KnockOutRule { Id = "KO-X", Key = "x", Operator = KnockOutOperator.AtLeast, Reason = "r" }],
        };

        var errors = ScorecardPolicyDocument.Validate(policy);

        Assert.Contains(errors, e => e.Contains("a categorical bin needs values"));
        Assert.Contains(errors, e => e.Contains("KO-X") && e.Contains("needs a numeric value"));
    }

    [Fact]
    public void Validate_ReportsDuplicateCharacteristicKeys()
    {
        var bin = new Bin { Points = 0 };
        var policy = DefaultPolicies.Scorecard() with
        {
            Characteristics = [new Characteristic { Key = "x", Bins = [bin] }, new Characteristic { Key = "x", Bins = [bin] }],
        };

        Assert.Contains(ScorecardPolicyDocument.Validate(policy), e => e.Contains("'x' appears 2 times"));
    }
}
