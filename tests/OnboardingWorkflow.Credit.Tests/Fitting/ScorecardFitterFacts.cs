using OnboardingWorkflow.Credit.Altman;
using OnboardingWorkflow.Credit.Fitting;
using OnboardingWorkflow.Credit.Policies;
using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Credit.Tests.TestSupport;

namespace OnboardingWorkflow.Credit.Tests.Fitting;

public class ScorecardFitterFacts
{
    private static readonly ScorecardPolicy Template = DefaultPolicies.Scorecard();

    /// <summary>1,000 synthetic firms: bad odds fall with "margin", rise for sector "risky"; "noise" carries nothing.</summary>
    private static LabelledData Synthetic()
    {
        var random = new Random(7);
        var rows = new List<string>();
        for (var i = 0; i < 1_000; i++)
        {
            var margin = (random.NextDouble() * 0.4) - 0.1;
            var sector = random.NextDouble() < 0.3 ? "risky" : "steady";
            var noise = random.NextDouble();
            var logit = -2.5 - (12 * margin) + (sector == "risky" ? 1.2 : 0);
            var bad = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            rows.Add(FormattableString.Invariant($"{margin},{sector},{noise},{(bad ? "bad" : "good")}"));
        }

        var table = CsvDataReader.Read(new StringReader("net margin (%),sector,noise,outcome\n" + string.Join('\n', rows)));
        return LabelledData.From(table, "outcome");
    }

    [Fact]
    public void StratifiedSplit_KeepsTheBadShareInBothParts()
    {
        var isBad = Enumerable.Range(0, 100).Select(i => i % 10 == 0).ToArray();

        var (train, holdout) = ScorecardFitter.StratifiedSplit(isBad, 0.3, seed: 1);

        Assert.Equal(30, holdout.Count);
        Assert.Equal(3, holdout.Count(r => isBad[r]));
        Assert.Equal(7, train.Count(r => isBad[r]));
        Assert.Empty(train.Intersect(holdout));
    }

    [Fact]
    public void StratifiedSplit_IsRepeatableForASeed_AndDiffersAcrossSeeds()
    {
        var isBad = Enumerable.Range(0, 200).Select(i => i % 7 == 0).ToArray();

        var first = ScorecardFitter.StratifiedSplit(isBad, 0.3, seed: 5).Holdout;
        var again = ScorecardFitter.StratifiedSplit(isBad, 0.3, seed: 5).Holdout;
        var other = ScorecardFitter.StratifiedSplit(isBad, 0.3, seed: 6).Holdout;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Fit_LearnsTheSignal_AndGivesMorePointsToSaferBins()
    {
        var report = ScorecardFitter.Fit(Synthetic(), new FitOptions { Seed = 3 }, Template);

        Assert.True(report.HoldoutAuc > 0.70, $"hold-out AUC {report.HoldoutAuc}");
        var margin = report.Policy.Characteristics.Single(c => c.Key == "net margin (%)");
        Assert.True(margin.Bins[^1].Points > margin.Bins[0].Points);
        var sector = report.Policy.Characteristics.Single(c => c.Key == "sector");
        Assert.Equal(CharacteristicKind.Categorical, sector.Kind);
        Assert.True(sector.Bins.Single(b => b.Values!.Contains("steady")).Points > sector.Bins.Single(b => b.Values!.Contains("risky")).Points);
        var noise = report.Characteristics.Single(c => c.Key == "noise");
        var marginSummary = report.Characteristics.Single(c => c.Key == "net margin (%)");
        Assert.True(noise.InformationValue < marginSummary.InformationValue / 3, $"noise IV {noise.InformationValue}, margin IV {marginSummary.InformationValue}");
    }

    [Fact]
    public void Fit_WritesAPolicyInTheDefaultFormat_ThatScoresLikeTheFit()
    {
        var data = Synthetic();
        var report = ScorecardFitter.Fit(data, new FitOptions { Seed = 3, PolicyId = "fitted", Version = "7" }, Template);

        var policy = ScorecardPolicyDocument.Parse(ScorecardPolicyDocument.ToJson(report.Policy));

        Assert.Equal("fitted", policy.PolicyId);
        Assert.Equal("7", policy.Version);
        Assert.Equal(Template.GradeBands, policy.GradeBands);
        Assert.Equal(Template.KnockOuts.Select(k => k.Id), policy.KnockOuts.Select(k => k.Id));
        Assert.Equal(Template.Scaling, policy.Scaling);
        Assert.Equal("3", policy.Provenance!["seed"]);

        var goodFirm = new Dictionary<string, FactValue> { ["net margin (%)"] = FactValue.Of(0.25), ["sector"] = FactValue.Of("steady") };
        var badFirm = new Dictionary<string, FactValue> { ["net margin (%)"] = FactValue.Of(-0.08), ["sector"] = FactValue.Of("risky") };
        Assert.True(Scorer.Score(policy, goodFirm).Score > Scorer.Score(policy, badFirm).Score);
        Assert.Equal(report.GradeTable.Sum(g => g.Rows), report.HoldoutRows);
    }

    [Fact]
    public void Fit_IsDeterministic_ForTheSameSeed()
    {
        var data = Synthetic();

        var first = ScorecardFitter.Fit(data, new FitOptions { Seed = 11 }, Template);
        var second = ScorecardFitter.Fit(data, new FitOptions { Seed = 11 }, Template);

        Assert.Equal(ScorecardPolicyDocument.ToJson(first.Policy), ScorecardPolicyDocument.ToJson(second.Policy));
    }

    [Fact]
    public void Fit_ValidatesOnTrainingRows_WhenThereIsNoHoldout()
    {
        var report = ScorecardFitter.Fit(Synthetic(), new FitOptions { Holdout = 0 }, Template);

        Assert.Null(report.HoldoutAuc);
        Assert.Equal(0, report.HoldoutRows);
        Assert.Equal(1_000, report.GradeTable.Sum(g => g.Rows));
    }

    [Theory]
    [InlineData(1.0, 10, 1.0)]
    [InlineData(0.3, 1, 1.0)]
    [InlineData(0.3, 10, -1.0)]
    public void Fit_RefusesInvalidOptions(double holdout, int bins, double l2)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScorecardFitter.Fit(Synthetic(), new FitOptions { Holdout = holdout, Bins = bins, L2 = l2 }, Template));
    }

    [Fact]
    public void Fit_OnThePolishBankruptcyData_BeatsAltmanZPrimeByAWideMargin()
    {
        var path = RepoPaths.SharedData("polish-bankruptcy-1year.arff");
        using var text = new StreamReader(path);
        var data = LabelledData.From(ArffDataReader.Read(text), "class");

        var report = ScorecardFitter.Fit(data, new FitOptions { Holdout = 0.3, Seed = 42 }, Template);

        Assert.Equal(7_027, data.RowCount);
        Assert.Equal(271, data.BadCount);
        Assert.Equal(81, report.HoldoutBads);
        Assert.True(report.HoldoutAuc >= 0.75, $"hold-out AUC {report.HoldoutAuc:0.0000} is below the 0.75 floor");
    }

    [Fact]
    public void RocAuc_ReproducesTheAltmanZPrimeReferenceFigure_OnThePolishData()
    {
        using var text = new StreamReader(RepoPaths.SharedData("polish-bankruptcy-1year.arff"));
        var data = LabelledData.From(ArffDataReader.Read(text), "class");
        var x = new[] { "Attr3", "Attr6", "Attr7", "Attr8", "Attr9" }.Select(n => data.Features.Single(c => c.Name == n).Numbers).ToArray();

        var z = Enumerable.Range(0, data.RowCount)
            .Select(r => AltmanCalculator.Score(AltmanModel.ZPrime, x[0][r]!.Value, x[1][r]!.Value, x[2][r]!.Value, x[3][r]!.Value, x[4][r]!.Value))
            .ToList();

        Assert.Equal(0.634, ModelValidation.RocAuc(z, data.IsBad), 3);
    }
}
