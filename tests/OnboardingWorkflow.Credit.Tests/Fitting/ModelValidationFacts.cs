using OnboardingWorkflow.Credit.Fitting;

namespace OnboardingWorkflow.Credit.Tests.Fitting;

public class ModelValidationFacts
{
    [Fact]
    public void RocAuc_CountsGoodsScoringAboveBads_WithTiesAsHalf()
    {
        // Goods 3, 5, 6 against bads 1, 3, 4: good 3 beats 1, ties 3 and loses to 4 (1.5);
        // goods 5 and 6 beat all three bads (3 each): 7.5 of 9 pairs.
        double[] scores = [3, 5, 6, 1, 3, 4];
        bool[] bad = [false, false, false, true, true, true];

        Assert.Equal(7.5 / 9, ModelValidation.RocAuc(scores, bad), 12);
    }

    [Fact]
    public void RocAuc_IsOne_ForPerfectSeparation_AndHalf_ForAConstantScore()
    {
        bool[] bad = [true, true, false, false];

        Assert.Equal(1.0, ModelValidation.RocAuc([1, 2, 3, 4], bad));
        Assert.Equal(0.5, ModelValidation.RocAuc([7, 7, 7, 7], bad));
        Assert.Equal(0.0, ModelValidation.RocAuc([4, 3, 2, 1], bad));
    }

    [Fact]
    public void KolmogorovSmirnov_IsTheWidestGapBetweenCumulativeDistributions()
    {
        // Sorted: 1b 2b 3g 4b 5g 6g -> after 2: bads 2/3, goods 0 -> 0.667 is the widest gap.
        double[] scores = [1, 2, 3, 4, 5, 6];
        bool[] bad = [true, true, false, true, false, false];

        Assert.Equal(2.0 / 3.0, ModelValidation.KolmogorovSmirnov(scores, bad), 12);
    }

    [Fact]
    public void KolmogorovSmirnov_DoesNotSplitTiedScores()
    {
        Assert.Equal(0.0, ModelValidation.KolmogorovSmirnov([5, 5, 5, 5], [true, false, true, false]));
    }

    [Fact]
    public void Gini_IsTwiceAucMinusOne()
    {
        Assert.Equal(0.6, ModelValidation.Gini(0.8), 12);
    }

    [Fact]
    public void RocAuc_Refuses_ASingleOutcome()
    {
        Assert.Throws<ArgumentException>(() => ModelValidation.RocAuc([1, 2], [false, false]));
        Assert.Throws<ArgumentException>(() => ModelValidation.KolmogorovSmirnov([1, 2], [true, true]));
    }
}
