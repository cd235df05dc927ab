using System.Diagnostics;
using System.Globalization;
using OnboardingWorkflow.Credit.Fitting;
using OnboardingWorkflow.Credit.Policies;
using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Cli.Commands;

/// <summary><c>owf fit-scorecard</c>: fits a scorecard policy from labelled history and reports hold-out validation.</summary>
public sealed class FitScorecardCommand : ICliCommand
{
    public string Name => "fit-scorecard";

    public string Usage =>
        "fit-scorecard --data FILE.csv|FILE.arff --label COLUMN [--bad VALUE] [--holdout 0.3] [--seed N] [--bins 15] [--l2 10] [--policy-id ID] [--out POLICY.json]";

    public string Summary => "Fit a WoE logistic scorecard from labelled rows, print AUC, KS, Gini and bad rate per grade, and write the policy.";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? dataPath = null;
        string? label = null;
        string? badValue = null;
        string? outPath = null;
        var options = new FitOptions();
        var reader = new ArgReader(args);
        while (reader.HasMore)
        {
            var (option, inline) = ArgReader.SplitOption(reader.Next());
            var value = option.StartsWith("--", StringComparison.Ordinal) ? inline ?? reader.ValueOf(option) : option;
            switch (option)
            {
                case "--data":
                    dataPath = value;
                    break;
                case "--label":
                    label = value;
                    break;
                case "--bad":
                    badValue = value;
                    break;
                case "--out":
                    outPath = value;
                    break;
                case "--holdout":
                    options = options with { Holdout = Number(option, value) };
                    break;
                case "--seed":
                    options = options with { Seed = (int)Whole(option, value) };
                    break;
                case "--bins":
                    options = options with { Bins = (int)Whole(option, value) };
                    break;
                case "--l2":
                    options = options with { L2 = Number(option, value) };
                    break;
                case "--policy-id":
                    options = options with { PolicyId = value };
                    break;
                default:
                    throw new UsageException($"unknown argument '{option}'");
            }
        }

        if (dataPath is null || label is null)
        {
            throw new UsageException(dataPath is null ? "--data is required" : "--label is required");
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new UsageException($"--{ex.ParamName!.ToLowerInvariant()}: {ex.Message.Split(" (Parameter")[0]}");
        }

        if (outPath is not null && WritableFile.Problem(outPath) is { } problem)
        {
            stderr.WriteLine($"owf fit-scorecard: cannot write --out '{outPath}': {problem}");
            return ExitCodes.Failed;
        }

        try
        {
            if (!File.Exists(dataPath))
            {
                throw new FileNotFoundException($"data file '{dataPath}' does not exist");
            }

            var clock = Stopwatch.StartNew();
            DataTable table;
            using (var text = new StreamReader(dataPath))
            {
                table = dataPath.EndsWith(".arff", StringComparison.OrdinalIgnoreCase) ? ArffDataReader.Read(text) : CsvDataReader.Read(text);
            }

            var readTime = clock.Elapsed;
            var data = LabelledData.From(table, label, badValue);
            clock.Restart();
            var report = ScorecardFitter.Fit(data, options, DefaultPolicies.Scorecard());
            var fitTime = clock.Elapsed;
            Print(stdout, dataPath, data, options, report, readTime, fitTime);

            if (outPath is not null)
            {
                File.WriteAllText(outPath, ScorecardPolicyDocument.ToJson(report.Policy) + Environment.NewLine);
                stdout.WriteLine($"policy written to {outPath}");
            }

            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is DataFormatException or FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"owf fit-scorecard: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    private static void Print(TextWriter stdout, string dataPath, LabelledData data, FitOptions options, FitReport report, TimeSpan readTime, TimeSpan fitTime)
    {
        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine($"data: {Path.GetFileName(dataPath)}: {data.RowCount} rows, {data.BadCount} bad (label '{data.LabelColumn}' = '{data.BadValue}'), {data.Features.Count} characteristics");
        stdout.WriteLine(string.Create(c, $"split: stratified, hold-out {options.Holdout:0.##}, seed {options.Seed}: training {report.TrainingRows} rows ({report.TrainingBads} bad), hold-out {report.HoldoutRows} rows ({report.HoldoutBads} bad)"));
        stdout.WriteLine(string.Create(c, $"model: {options.Bins} quantile bins, WoE, L2 logistic regression (l2 = {options.L2}), {report.Characteristics.Count(x => x.Selected)} characteristics selected (IV >= {options.MinInformationValue})"));
        if (report.HoldoutAuc is { } auc)
        {
            stdout.WriteLine(string.Create(c, $"AUC: {auc:0.0000} (hold-out)"));
            stdout.WriteLine(string.Create(c, $"KS: {report.HoldoutKs:0.0000}"));
            stdout.WriteLine(string.Create(c, $"Gini: {report.HoldoutGini:0.0000}"));
        }
        else
        {
            stdout.WriteLine(string.Create(c, $"AUC: {report.TrainingAuc:0.0000} (training rows; no hold-out)"));
        }

        stdout.WriteLine(string.Create(c, $"training AUC: {report.TrainingAuc:0.0000}"));
        stdout.WriteLine(report.HoldoutRows > 0 ? "bad rate per grade (hold-out):" : "bad rate per grade (training rows):");
        stdout.WriteLine("  grade   rows   bads  bad rate   mean PD");
        foreach (var g in report.GradeTable)
        {
            stdout.WriteLine(string.Create(c, $"  {g.Grade,-5} {g.Rows,6} {g.Bads,6} {g.BadRate,9:P2} {g.MeanPd,9:P2}"));
        }

        stdout.WriteLine("strongest characteristics (information value, coefficient):");
        foreach (var x in report.Characteristics.Where(x => x.Selected).OrderByDescending(x => x.InformationValue).Take(10))
        {
            stdout.WriteLine(string.Create(c, $"  {x.Key,-24} IV {x.InformationValue,7:0.0000}  coefficient {x.Coefficient,8:0.0000}"));
        }

        stdout.WriteLine(string.Create(c, $"time: read {readTime.TotalMilliseconds:0} ms, fit {fitTime.TotalMilliseconds:0} ms"));
    }

    private static double Number(string option, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw new UsageException($"{option} needs a number, got '{value}'");

    private static long Whole(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new UsageException($"{option} needs a whole number, got '{value}'");
}
