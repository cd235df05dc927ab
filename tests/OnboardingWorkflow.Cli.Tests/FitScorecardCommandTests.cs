using System.Globalization;
using System.Text.Json;
using OnboardingWorkflow.Cli.Commands;
using static OnboardingWorkflow.Cli.Tests.ScoreCommandTests;

namespace OnboardingWorkflow.Cli.Tests;

public class FitScorecardCommandTests
{
    private static string TempPath(string extension) => Path.Combine(Path.GetTempPath(), $"owf-fit-{Guid.NewGuid():N}{extension}");

    private static double AucOf(string output)
    {
        var line = output.Split('\n').Single(l => l.StartsWith("AUC: ", StringComparison.Ordinal));
        return double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    [Fact]
    public void FitScorecard_OnThePolishData_ReachesTheAucFloor_AndItsPolicyScoresThroughScore()
    {
        var policyPath = TempPath(".json");
        try
        {
            var (code, output, error) = Run(
                "fit-scorecard", "--data", CreditFiles.SharedData("polish-bankruptcy-1year.arff"), "--label", "class",
                "--holdout", "0.3", "--seed", "42", "--out", policyPath);

            Assert.True(code == ExitCodes.Ok, error);
            Assert.True(AucOf(output) >= 0.75, output);
            Assert.Contains("KS: ", output);
            Assert.Contains("Gini: ", output);
            Assert.Contains("hold-out 2108 rows (81 bad)", output);
            Assert.Matches(@"\n  CCC\s+\d+\s+\d+", output);

            var healthy = Run("score", "--input", CreditFiles.Sample("polish-firm-healthy.json"), "--policy", policyPath);
            var bankrupt = Run("score", "--input", CreditFiles.Sample("polish-firm-bankrupt.json"), "--policy", policyPath);
            Assert.Equal(ExitCodes.Ok, healthy.Code);
            Assert.Equal(ExitCodes.Ok, bankrupt.Code);
            double ScoreOf(string json) => JsonDocument.Parse(json).RootElement.GetProperty("score").GetProperty("score").GetDouble();
            Assert.True(ScoreOf(healthy.Out) > ScoreOf(bankrupt.Out));
            Assert.Equal("fitted-scorecard", JsonDocument.Parse(healthy.Out).RootElement.GetProperty("score").GetProperty("policyId").GetString());
        }
        finally
        {
            File.Delete(policyPath);
        }
    }

    [Fact]
    public void FitScorecard_ReadsCsvWithPunctuatedHeadersAndCategoricalColumns()
    {
        var csvPath = TempPath(".csv");
        var policyPath = TempPath(".json");
        var random = new Random(3);
        var lines = new List<string> { "\"Net margin, %\",Sector (NACE),Defaulted?" };
        for (var i = 0; i < 600; i++)
        {
            var margin = (random.NextDouble() * 0.4) - 0.1;
            var sector = random.NextDouble() < 0.3 ? "construction" : "services";
            var bad = random.NextDouble() < 1 / (1 + Math.Exp(2.5 + (12 * margin) - (sector == "construction" ? 1.2 : 0)));
            lines.Add(FormattableString.Invariant($"{margin},{sector},{(bad ? "yes" : "no")}"));
        }

        File.WriteAllLines(csvPath, lines);
        try
        {
            var (code, output, error) = Run("fit-scorecard", "--data", csvPath, "--label", "Defaulted?", "--seed", "5", "--bins", "5", "--out", policyPath);

            Assert.True(code == ExitCodes.Ok, error);
            Assert.True(AucOf(output) > 0.6, output);
            var policy = JsonDocument.Parse(File.ReadAllText(policyPath)).RootElement;
            var keys = policy.GetProperty("characteristics").EnumerateArray().Select(c => c.GetProperty("key").GetString()).ToList();
            Assert.Contains("Net margin, %", keys);
            Assert.Contains("Sector (NACE)", keys);
        }
        finally
        {
            File.Delete(csvPath);
            File.Delete(policyPath);
        }
    }

    [Fact]
    public void FitScorecard_FailsClearly_ForAnUnknownLabelOrMissingFile()
    {
        var unknownLabel = Run("fit-scorecard", "--data", CreditFiles.SharedData("polish-bankruptcy-1year.arff"), "--label", "bankrupt");
        var missingFile = Run("fit-scorecard", "--data", "nowhere.csv", "--label", "y");

        Assert.Equal(ExitCodes.Failed, unknownLabel.Code);
        Assert.Contains("no column named 'bankrupt'", unknownLabel.Err);
        Assert.Equal(ExitCodes.Failed, missingFile.Code);
        Assert.Contains("data file 'nowhere.csv' does not exist", missingFile.Err);
    }

    [Theory]
    [InlineData("--holdout", "1.5", "--holdout")]
    [InlineData("--holdout", "abc", "needs a number")]
    [InlineData("--seed", "x", "needs a whole number")]
    [InlineData("--bins", "1", "--bins")]
    public void FitScorecard_ReportsUsage_ForBadOptionValues(string option, string value, string message)
    {
        var (code, _, error) = Run("fit-scorecard", "--data", "d.csv", "--label", "y", option, value);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error);
        Assert.Contains("usage: owf fit-scorecard", error);
    }

    [Fact]
    public void FitScorecard_ReportsUsage_WithoutDataOrLabel()
    {
        Assert.Contains("--data is required", Run("fit-scorecard", "--label", "y").Err);
        Assert.Contains("--label is required", Run("fit-scorecard", "--data", "d.csv").Err);
    }
}
