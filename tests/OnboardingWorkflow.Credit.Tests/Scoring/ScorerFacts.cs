using OnboardingWorkflow.Credit.Policies;
using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Tests.Scoring;

public class ScorerFacts
{
    private static readonly ScorecardPolicy Policy = DefaultPolicies.Scorecard();

    /// <summary>A tiny policy: score = 500 + 2 x points(ratio) + points(answer), with one knock-out of each operator kind.</summary>
    private static ScorecardPolicy Small(params KnockOutRule[] knockOuts) => Policy with
    {
        BasePoints = 500,
        Characteristics =
        [
            new Characteristic
            {
                Key = "ratio",
                Weight = 2,
                Bins = [new Bin { Max = 1.0, Points = -10 }, new Bin { Min = 1.0, Max = 2.0, Points = 5 }, new Bin { Min = 2.0, Points = 20 }],
                MissingPoints = -7,
            },
            new Characteristic
            {
                Key = "answer.mood",
                Kind = CharacteristicKind.Categorical,
                Bins = [new Bin { Values = ["good", "great"], Points = 8 }, new Bin { Values = ["bad"], Points = -8 }],
                UnmatchedPoints = -1,
            },
        ],
        KnockOuts = knockOuts,
    };

    private static Dictionary<string, FactValue> Facts(params (string Key, FactValue Value)[] facts) => facts.ToDictionary(f => f.Key, f => f.Value);

    [Theory]
    [InlineData(0.99, -10)]
    [InlineData(1.0, 5)]   // a bin includes its minimum
    [InlineData(1.99, 5)]
    [InlineData(2.0, 20)]  // and excludes its maximum
    public void Score_PlacesNumbersInHalfOpenBins(double ratio, double binPoints)
    {
        var result = Scorer.Score(Small(), Facts(("ratio", FactValue.Of(ratio)), ("answer.mood", FactValue.Of("good"))));

        var line = result.Characteristics[0];
        Assert.Equal(binPoints, line.BinPoints);
        Assert.Equal(2 * binPoints, line.Points);
        Assert.Equal(500 + (2 * binPoints) + 8, result.Score);
    }

    [Fact]
    public void Score_GivesMissingPoints_WhenAValueIsAbsent()
    {
        var result = Scorer.Score(Small(), Facts());

        Assert.Equal(Scorer.MissingBin, result.Characteristics[0].Bin);
        Assert.Equal(-14, result.Characteristics[0].Points);
        Assert.Equal(0, result.Characteristics[1].Points);
        Assert.Equal(486, result.Score);
    }

    [Fact]
    public void Score_GivesUnmatchedPoints_ForAnUnknownCategory_AndMatchesCategoriesIgnoringCase()
    {
        var unknown = Scorer.Score(Small(), Facts(("answer.mood", FactValue.Of("meh"))));
        var shouting = Scorer.Score(Small(), Facts(("answer.mood", FactValue.Of("GREAT"))));

        Assert.Equal(Scorer.UnmatchedBin, unknown.Characteristics[1].Bin);
        Assert.Equal(-1, unknown.Characteristics[1].Points);
        Assert.Equal(8, shouting.Characteristics[1].Points);
    }

    [Fact]
    public void Score_ReadsNumericText_ForANumericCharacteristic()
    {
        var result = Scorer.Score(Small(), Facts(("ratio", FactValue.Of("2.5"))));

        Assert.Equal(40, result.Characteristics[0].Points);
    }

    [Fact]
    public void Score_ExplainsPolicyVersionGradeTierAndPd()
    {
        var result = Scorer.Score(Small(), Facts(("ratio", FactValue.Of(3.0)), ("answer.mood", FactValue.Of("great"))));

        Assert.Equal("default-scorecard", result.PolicyId);
        Assert.Equal(Policy.Version, result.PolicyVersion);
        Assert.Equal(548, result.Score);               // 500 + 2 x 20 + 8
        Assert.Equal(Grade.CCC, result.Grade);          // CCC spans [527, 558)
        Assert.Equal(RiskTier.High, result.Tier);
        Assert.Equal(1 / (1 + Math.Exp((548 - Policy.Scaling.Offset) / Policy.Scaling.Factor)), result.ProbabilityOfDefault, 12);
        Assert.Equal(ScoreDecision.Proceed, result.Decision);
        Assert.Empty(result.KnockOuts);
    }

    [Theory]
    [InlineData(753, Grade.AAA)]
    [InlineData(752.99, Grade.AA)]
    [InlineData(713, Grade.AA)]
    [InlineData(686, Grade.A)]
    [InlineData(685.99, Grade.BBB)]
    [InlineData(646, Grade.BBB)]
    [InlineData(608, Grade.BB)]
    [InlineData(607.99, Grade.B)]
    [InlineData(558, Grade.B)]
    [InlineData(527, Grade.CCC)]
    [InlineData(505, Grade.CC)]
    [InlineData(504.99, Grade.C)]
    [InlineData(-5_000_000, Grade.C)]
    public void GradeOf_UsesTheLowestScoreOfEachBand(double score, Grade grade)
    {
        Assert.Equal(grade, Scorer.GradeOf(Policy, score));
    }

    [Theory]
    [InlineData(Grade.AAA, RiskTier.Low)]
    [InlineData(Grade.A, RiskTier.Low)]
    [InlineData(Grade.BBB, RiskTier.Medium)]
    [InlineData(Grade.BB, RiskTier.Medium)]
    [InlineData(Grade.B, RiskTier.High)]
    [InlineData(Grade.C, RiskTier.High)]
    public void TierOf_FollowsTheDefaultMapping(Grade grade, RiskTier tier)
    {
        Assert.Equal(tier, Scorer.TierOf(Policy, grade));
    }

    [Theory]
    [InlineData("onNegativeList", "KO-NEGATIVE-LIST")]
    [InlineData("inBankruptcy", "KO-BANKRUPTCY")]
    [InlineData("forgedDocuments", "KO-FORGED-DOCUMENTS")]
    public void Score_Rejects_WhenADefaultKnockOutFires(string fact, string ruleId)
    {
        var result = Scorer.Score(Policy, Facts((fact, FactValue.Of(true))));

        Assert.Equal(ScoreDecision.Reject, result.Decision);
        var fired = Assert.Single(result.KnockOuts);
        Assert.Equal(ruleId, fired.Id);
        Assert.False(string.IsNullOrWhiteSpace(fired.Reason));
    }

    [Fact]
    public void Score_DoesNotReject_WhenKnockOutFactsAreFalseOrMissing()
    {
        var result = Scorer.Score(Policy, Facts(("onNegativeList", FactValue.Of(false)), ("inBankruptcy", FactValue.Of("no"))));

        Assert.Equal(ScoreDecision.Proceed, result.Decision);
        Assert.Empty(result.KnockOuts);
    }

    [Fact]
    public void Score_ListsEveryKnockOutThatFired()
    {
        var result = Scorer.Score(Policy, Facts(("onNegativeList", FactValue.Of(true)), ("forgedDocuments", FactValue.Of("yes"))));

        Assert.Equal(["KO-NEGATIVE-LIST", "KO-FORGED-DOCUMENTS"], result.KnockOuts.Select(k => k.Id));
    }

    [Theory]
    [InlineData(KnockOutOperator.GreaterThan, 3, 3.0, false)]
    [InlineData(KnockOutOperator.GreaterThan, 3, 3.1, true)]
    [InlineData(KnockOutOperator.AtLeast, 3, 3.0, true)]
    [InlineData(KnockOutOperator.AtLeast, 3, 2.9, false)]
    [InlineData(KnockOutOperator.LessThan, 0, 0.0, false)]
    [InlineData(KnockOutOperator.LessThan, 0, -0.1, true)]
    [InlineData(KnockOutOperator.AtMost, 0, 0.0, true)]
    [InlineData(KnockOutOperator.AtMost, 0, 0.1, false)]
    [InlineData(KnockOutOperator.Equals, 2, 2.0, true)]
    [InlineData(KnockOutOperator.Equals, 2, 2.5, false)]
    public void Score_AppliesNumericKnockOutOperators(KnockOutOperator op, double threshold, double value, bool fires)
    {
        var policy = Small(new KnockOutRule { Id = "KO", Key = "litigation", Operator = op, Value = threshold, Reason = "r" });

        var result = Scorer.Score(policy, Facts(("litigation", FactValue.Of(value))));

        Assert.Equal(fires, result.Decision == ScoreDecision.Reject);
    }

    [Fact]
    public void Score_MatchesTextKnockOuts_IgnoringCase()
    {
        var policy = Small(new KnockOutRule { Id = "KO-STATUS", Key = "registrationStatus", Operator = KnockOutOperator.Equals, Text = "revoked", Reason = "licence revoked" });

        Assert.Equal(ScoreDecision.Reject, Scorer.Score(policy, Facts(("registrationStatus", FactValue.Of("Revoked")))).Decision);
        Assert.Equal(ScoreDecision.Proceed, Scorer.Score(policy, Facts(("registrationStatus", FactValue.Of("active")))).Decision);
    }

    [Fact]
    public void Score_WithTheDefaultPolicy_AppliesCharacteristicWeights()
    {
        var result = Scorer.Score(Policy, Facts(("altmanZPrime", FactValue.Of(3.5))));

        var altman = result.Characteristics.Single(c => c.Key == "altmanZPrime");
        Assert.Equal("safe (>= 2.9)", altman.Bin);
        Assert.Equal(30, altman.BinPoints);
        Assert.Equal(36, altman.Points);
    }
}
