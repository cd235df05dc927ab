using System.Globalization;
using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Fitting;

/// <summary>
/// Fits a scorecard from labelled history: stratified hold-out split, quantile WoE binning,
/// L2 logistic regression on the WoE values, then PDO scaling into bin points. The result is a
/// policy in the same format as the default, using the template's scaling, grade bands, tiers and
/// knock-outs.
/// </summary>
public static class ScorecardFitter
{
    public static FitReport Fit(LabelledData data, FitOptions options, ScorecardPolicy template)
    {
        options.Validate();
        var (train, holdout) = StratifiedSplit(data.IsBad, options.Holdout, options.Seed);
        if (train.Count(r => data.IsBad[r]) == 0 || train.All(r => data.IsBad[r]))
        {
            throw new DataFormatException("the training rows need both good and bad outcomes");
        }

        var minBinRows = Math.Max(1, (int)Math.Ceiling(options.MinBinShare * train.Count));
        var binnings = data.Features
            .Where(c => c.Texts.Any(t => t is not null))
            .Select(c => WoeBinner.Bin(c, data.IsBad, train, options.Bins, minBinRows))
            .ToList();
        var selected = binnings.Where(b => b.InformationValue >= options.MinInformationValue && b.Bins.Count > 1).ToList();
        if (selected.Count == 0)
        {
            throw new DataFormatException($"no characteristic reaches an information value of {options.MinInformationValue}");
        }

        var x = train.Select(r => selected.Select(b => b.WoeOf(r)).ToArray()).ToArray();
        var isGood = train.Select(r => !data.IsBad[r]).ToArray();
        var beta = LogisticRegression.Fit(x, isGood, options.L2);

        var scaling = template.Scaling;
        var characteristics = selected.Select((b, j) => ToCharacteristic(b, beta[j + 1], scaling.Factor)).ToList();
        var basePoints = Math.Round(scaling.Offset + (scaling.Factor * beta[0]), 2);
        var trainScores = train.Select(r => RowScore(basePoints, selected, characteristics, r)).ToList();
        var trainAuc = ModelValidation.RocAuc(trainScores, train.Select(r => data.IsBad[r]).ToList());

        double? auc = null, ks = null;
        var validationRows = holdout.Count > 0 ? holdout : train;
        var validationScores = validationRows.Select(r => RowScore(basePoints, selected, characteristics, r)).ToList();
        var validationBad = validationRows.Select(r => data.IsBad[r]).ToList();
        if (holdout.Count > 0 && validationBad.Contains(true) && validationBad.Contains(false))
        {
            auc = ModelValidation.RocAuc(validationScores, validationBad);
            ks = ModelValidation.KolmogorovSmirnov(validationScores, validationBad);
        }

        var provenance = new Dictionary<string, string>
        {
            ["method"] = "quantile WoE binning + L2 logistic regression, PDO scaling",
            ["labelColumn"] = data.LabelColumn,
            ["badValue"] = data.BadValue,
            ["trainingRows"] = Invariant(train.Count),
            ["holdoutShare"] = Invariant(options.Holdout),
            ["seed"] = Invariant(options.Seed),
            ["bins"] = Invariant(options.Bins),
            ["l2"] = Invariant(options.L2),
        };
        if (auc is { } a)
        {
            provenance["holdoutAuc"] = a.ToString("0.0000", CultureInfo.InvariantCulture);
        }

        var policy = template with
        {
            PolicyId = options.PolicyId,
            Version = options.Version,
            Description = $"Fitted on {data.RowCount} rows ({data.BadCount} bad) with label '{data.LabelColumn}'.",
            BasePoints = basePoints,
            Characteristics = characteristics,
            Provenance = provenance,
        };

        return new FitReport
        {
            Policy = policy,
            TrainingRows = train.Count,
            TrainingBads = train.Count(r => data.IsBad[r]),
            HoldoutRows = holdout.Count,
            HoldoutBads = holdout.Count(r => data.IsBad[r]),
            TrainingAuc = trainAuc,
            HoldoutAuc = auc,
            HoldoutKs = ks,
            HoldoutGini = auc is { } g ? ModelValidation.Gini(g) : null,
            GradeTable = GradeTable(policy, validationScores, validationBad),
            Characteristics = binnings.Select(b =>
            {
                var index = selected.IndexOf(b);
                return new CharacteristicSummary(b.Column.Name, Math.Round(b.InformationValue, 4), index < 0 ? 0 : Math.Round(beta[index + 1], 4), b.Bins.Count, index >= 0);
            }).ToList(),
        };
    }

    /// <summary>Shuffles goods and bads separately with the seed and keeps the same share of each aside.</summary>
    public static (List<int> Train, List<int> Holdout) StratifiedSplit(IReadOnlyList<bool> isBad, double holdoutShare, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var holdout = new List<int>();
        foreach (var outcome in new[] { false, true })
        {
            var rows = Enumerable.Range(0, isBad.Count).Where(r => isBad[r] == outcome).ToArray();
            random.Shuffle(rows);
            var take = (int)Math.Round(rows.Length * holdoutShare, MidpointRounding.AwayFromZero);
            holdout.AddRange(rows.Take(take));
            train.AddRange(rows.Skip(take));
        }

        train.Sort();
        holdout.Sort();
        return (train, holdout);
    }

    private static Characteristic ToCharacteristic(WoeBinning binning, double coefficient, double factor)
    {
        double Points(double woe) => Math.Round(factor * coefficient * woe, 2);
        var numeric = binning.Column.Kind == ColumnKind.Numeric;
        return new Characteristic
        {
            Key = binning.Column.Name,
            Kind = numeric ? CharacteristicKind.Numeric : CharacteristicKind.Categorical,
            Bins = binning.Bins.Select(b => new Bin
            {
                Min = b.Min,
                Max = b.Max,
                Values = b.Values,
                Points = Points(b.Woe),
            }).ToList(),
            MissingPoints = binning.MissingBin is { } missing ? Points(missing.Woe) : 0,
            UnmatchedPoints = 0,
        };
    }

    private static double RowScore(double basePoints, List<WoeBinning> binnings, List<Characteristic> characteristics, int row)
    {
        var score = basePoints;
        for (var j = 0; j < binnings.Count; j++)
        {
            var column = binnings[j].Column;
            var value = column.Kind == ColumnKind.Numeric ? FactValue.Of(column.Numbers[row]) : FactValue.Of(column.Texts[row]);
            score += characteristics[j].Weight * Scorer.PointsFor(characteristics[j], value);
        }

        return score;
    }

    private static List<GradePerformance> GradeTable(ScorecardPolicy policy, List<double> scores, List<bool> isBad)
    {
        return Enum.GetValues<Grade>()
            .Select(grade =>
            {
                var rows = Enumerable.Range(0, scores.Count).Where(i => Scorer.GradeOf(policy, scores[i]) == grade).ToList();
                var bads = rows.Count(i => isBad[i]);
                return new GradePerformance(
                    grade,
                    rows.Count,
                    bads,
                    rows.Count == 0 ? 0 : Math.Round(bads / (double)rows.Count, 4),
                    rows.Count == 0 ? 0 : Math.Round(rows.Average(i => policy.Scaling.PdForScore(scores[i])), 4));
            })
            .ToList();
    }

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
