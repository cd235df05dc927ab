using OnboardingWorkflow.Credit.Policies;
using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Tests.Policies;

public class DefaultPoliciesFacts
{
    [Fact]
    public void All_LoadsEveryEmbeddedPolicy()
    {
        var policies = DefaultPolicies.All();

        Assert.Equal("default-scorecard", policies.Scorecard.PolicyId);
        Assert.Equal("default-limits", policies.Limits.PolicyId);
        Assert.Equal("default-authority", policies.Authority.PolicyId);
        Assert.Equal("default-review", policies.Review.PolicyId);
        Assert.Equal("default-early-warning", policies.EarlyWarning.PolicyId);
        Assert.Equal("default-dunning", policies.Dunning.PolicyId);
    }

    [Fact]
    public void Json_Throws_ForAnUnknownPolicyFile()
    {
        Assert.Throws<InvalidOperationException>(() => DefaultPolicies.Json("nope.json"));
    }

    /// <summary>Grade bands sit between the S&amp;P one-year default rates of neighbouring grades.</summary>
    [Theory]
    [InlineData(Grade.AAA, 0.0001)]
    [InlineData(Grade.AA, 0.0004)]
    [InlineData(Grade.A, 0.001)]
    [InlineData(Grade.BBB, 0.004)]
    [InlineData(Grade.BB, 0.015)]
    [InlineData(Grade.B, 0.08)]
    [InlineData(Grade.CCC, 0.20)]
    [InlineData(Grade.CC, 0.35)]
    public void Scorecard_GradeBandsStartWhereThePdFallsToTheBandLimit(Grade grade, double pdLimit)
    {
        var policy = DefaultPolicies.Scorecard();

        var band = policy.GradeBands.Single(b => b.Grade == grade);

        Assert.InRange(policy.Scaling.PdForScore(band.MinScore), pdLimit * 0.9, pdLimit * 1.03);
    }

    [Fact]
    public void Scorecard_UsesTheDomainScaling_600PointsAt50To1_Pdo20()
    {
        var scaling = DefaultPolicies.Scorecard().Scaling;

        Assert.Equal((600, 50, 20), (scaling.TargetScore, scaling.TargetOdds, scaling.Pdo));
    }

    [Fact]
    public void Limits_Refuses_APolicyWithoutEveryGradeAndTier()
    {
        const string json = """
            { "policyId": "l", "version": "1", "gradeMaximums": [ { "grade": "AAA", "maximum": 1 } ],
              "tierTerms": [ { "tier": "low", "maxTermsDays": 30, "security": "none" } ] }
            """;

        var ex = Assert.Throws<PolicyFormatException>(() => PolicyDocuments.Limits(json));

        Assert.Contains("grade AA must appear exactly once", ex.Message);
        Assert.Contains("tier High must appear exactly once", ex.Message);
    }

    [Fact]
    public void Dunning_Refuses_UnknownEnumText_NamingThePath()
    {
        const string json = """{ "policyId": "d", "version": "1", "levels": [ { "level": "one", "name": "a", "daysPastDue": 1, "action": "x" } ] }""";

        var ex = Assert.Throws<PolicyFormatException>(() => PolicyDocuments.Dunning(json));

        Assert.Contains("$.levels[0].level", ex.Message);
    }
}
