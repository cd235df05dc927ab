using System.Text.Json;
using OnboardingWorkflow.Cli.Commands;

namespace OnboardingWorkflow.Cli.Tests;

public class ScoreCommandTests
{
    /// <summary>Paths to the credit samples, found from the repository root (the folder holding OnboardingWorkflow.sln).</summary>
    internal static class CreditFiles
    {
        public static string Root => OnboardingWorkflow.Testing.RepositoryRoot.Path;

        public static string Sample(string name) => Path.Combine(Root, "src", "OnboardingWorkflow.Credit", "Samples", name);

        public static string SharedData(string name) => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", name));
    }

    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"owf-score-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Score_PrintsTheFullAssessmentAsJson_ForTheSampleApplication()
    {
        var (code, output, error) = Run("score", "--input", CreditFiles.Sample("sample-application.json"));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(1.8125, root.GetProperty("ratios").GetProperty("ratios")[0].GetProperty("value").GetDouble(), 10);
        Assert.Equal("zDoublePrime", root.GetProperty("altman")[2].GetProperty("model").GetString());
        var score = root.GetProperty("score");
        Assert.Equal(680, score.GetProperty("score").GetDouble());
        Assert.Equal("BBB", score.GetProperty("grade").GetString());
        Assert.Equal("medium", score.GetProperty("tier").GetString());
        Assert.InRange(score.GetProperty("probabilityOfDefault").GetDouble(), 0.001, 0.0015);
        Assert.Equal(14, score.GetProperty("characteristics").GetArrayLength());
        Assert.Equal("default-scorecard", score.GetProperty("policyId").GetString());
        Assert.Equal(260_000m, root.GetProperty("limit").GetProperty("recommendedLimit").GetDecimal());
        Assert.Equal("AM-2-MANAGER", root.GetProperty("approval").GetProperty("ruleId").GetString());
        Assert.Equal("2027-05-20", root.GetProperty("nextReview").GetString());
    }

    [Fact]
    public void Score_RejectsWithTheKnockOutReason_WhenTheCustomerIsOnANegativeList()
    {
        var sample = File.ReadAllText(CreditFiles.Sample("sample-application.json")).Replace("\"onNegativeList\": false", "\"onNegativeList\": true");
        var path = TempFile(sample);
        try
        {
            var (code, output, _) = Run("score", "--input", path);

            Assert.Equal(ExitCodes.Ok, code);
            using var json = JsonDocument.Parse(output);
            var score = json.RootElement.GetProperty("score");
            Assert.Equal("reject", score.GetProperty("decision").GetString());
            Assert.Equal("KO-NEGATIVE-LIST", score.GetProperty("knockOuts")[0].GetProperty("id").GetString());
            Assert.Equal(0m, json.RootElement.GetProperty("limit").GetProperty("recommendedLimit").GetDecimal());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Score_ListsEveryInvalidField_AndFails()
    {
        var path = TempFile("""
            { "customer": { "name": "" }, "asOf": "2026-01-01",
              "statements": { "currency": "EUR", "years": [ { "year": 2025, "totalAssets": -1, "equity": 5, "totalLiabilities": 1 } ] } }
            """);
        try
        {
            var (code, output, error) = Run("score", "--input", path);

            Assert.Equal(ExitCodes.Failed, code);
            Assert.Equal("", output);
            Assert.Contains("customer.name: is required", error);
            Assert.Contains("statements.years[0].totalAssets: must be positive", error);
            Assert.Contains("statements.years[0].revenue: is required", error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Score_ExplainsMalformedJson()
    {
        var path = TempFile("""{ "customer": { "name": "x" } }""");
        try
        {
            var (code, _, error) = Run("score", "--input", path);

            Assert.Equal(ExitCodes.Failed, code);
            Assert.Contains("asOf", error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Score_FailsClearly_ForAMissingInputOrPolicyFile()
    {
        var missingInput = Run("score", "--input", "no-such-file.json");
        var missingPolicy = Run("score", "--input", CreditFiles.Sample("sample-application.json"), "--policy", "no-such-policy.json");

        Assert.Equal(ExitCodes.Failed, missingInput.Code);
        Assert.Contains("input file 'no-such-file.json' does not exist", missingInput.Err);
        Assert.Equal(ExitCodes.Failed, missingPolicy.Code);
        Assert.Contains("policy file 'no-such-policy.json' does not exist", missingPolicy.Err);
    }

    [Fact]
    public void Score_ReportsUsage_WithoutInputOrWithAnUnknownOption()
    {
        var noInput = Run("score");
        var unknown = Run("score", "--input", "a.json", "--verbose");

        Assert.Equal(ExitCodes.Usage, noInput.Code);
        Assert.Contains("--input is required", noInput.Err);
        Assert.Contains("usage: owf score", noInput.Err);
        Assert.Equal(ExitCodes.Usage, unknown.Code);
        Assert.Contains("unknown argument '--verbose'", unknown.Err);
    }

    [Fact]
    public void Score_UsesThePolicyGiven_AndRefusesAnInvalidOne()
    {
        var policy = TempFile("""{ "policyId": "p", "version": "1", "scaling": { "targetScore": 600, "targetOdds": 50, "pdo": 0 }, "characteristics": [], "gradeBands": [], "tiers": [] }""");
        try
        {
            var (code, _, error) = Run("score", "--input", CreditFiles.Sample("sample-application.json"), $"--policy={policy}");

            Assert.Equal(ExitCodes.Failed, code);
            Assert.Contains("scaling.pdo and scaling.targetOdds must be positive", error);
            Assert.Contains("characteristics: at least one is required", error);
        }
        finally
        {
            File.Delete(policy);
        }
    }
}
