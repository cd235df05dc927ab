using OnboardingWorkflow.Credit.Fitting;

namespace OnboardingWorkflow.Credit.Tests.Fitting;

public class LogisticRegressionFacts
{
    /// <summary>x = 0: 30 positives of 40; x = 1: 10 positives of 60.</summary>
    private static (double[][] X, bool[] Y) TwoByTwo()
    {
        var x = new List<double[]>();
        var y = new List<bool>();
        void Add(double value, bool outcome, int count)
        {
            for (var i = 0; i < count; i++)
            {
                x.Add([value]);
                y.Add(outcome);
            }
        }

        Add(0, true, 30);
        Add(0, false, 10);
        Add(1, true, 10);
        Add(1, false, 50);
        return ([.. x], [.. y]);
    }

    [Fact]
    public void Fit_WithoutPenalty_ReproducesTheLogOddsOfATwoByTwoTable()
    {
        var (x, y) = TwoByTwo();

        var beta = LogisticRegression.Fit(x, y, l2: 0);

        Assert.Equal(Math.Log(30.0 / 10.0), beta[0], 6);
        Assert.Equal(Math.Log(10.0 / 50.0) - Math.Log(30.0 / 10.0), beta[1], 6);
    }

    [Fact]
    public void Fit_ShrinksCoefficientsTowardZero_AsThePenaltyGrows()
    {
        var (x, y) = TwoByTwo();

        var free = LogisticRegression.Fit(x, y, l2: 0)[1];
        var penalised = LogisticRegression.Fit(x, y, l2: 50)[1];

        Assert.True(free < penalised && penalised < 0, $"free {free}, penalised {penalised}");
    }

    [Fact]
    public void Fit_WithoutFeatures_ReturnsTheLogOddsOfTheBaseRate()
    {
        var x = Enumerable.Range(0, 10).Select(_ => Array.Empty<double>()).ToArray();
        var y = Enumerable.Range(0, 10).Select(i => i < 8).ToArray();

        Assert.Equal(Math.Log(8.0 / 2.0), LogisticRegression.Fit(x, y, l2: 1)[0], 6);
    }

    [Fact]
    public void Fit_Refuses_ANegativePenalty()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticRegression.Fit([[1.0]], [true], l2: -1));
    }
}
