using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Tests.Scoring;

public class PdoScalingFacts
{
    private static readonly PdoScaling Standard = new() { TargetScore = 600, TargetOdds = 50, Pdo = 20 };

    [Fact]
    public void Factor_Is28854_ForPdo20()
    {
        Assert.Equal(28.854, Standard.Factor, 3);
    }

    [Fact]
    public void Offset_Is487123_For600PointsAt50To1()
    {
        Assert.Equal(487.123, Standard.Offset, 3);
    }

    [Fact]
    public void ScoreForOdds_Is600_AtTheTargetOdds_And620_At100To1()
    {
        Assert.Equal(600, Standard.ScoreForOdds(50), 9);
        Assert.Equal(620, Standard.ScoreForOdds(100), 9);
        Assert.Equal(580, Standard.ScoreForOdds(25), 9);
    }

    [Fact]
    public void PdForScore_InvertsTheScaling()
    {
        Assert.Equal(50, Standard.OddsForScore(600), 9);
        Assert.Equal(1.0 / 51.0, Standard.PdForScore(600), 12);
        Assert.Equal(1.0 / 101.0, Standard.PdForScore(620), 12);
        Assert.Equal(700, Standard.ScoreForPd(Standard.PdForScore(700)), 9);
    }
}
