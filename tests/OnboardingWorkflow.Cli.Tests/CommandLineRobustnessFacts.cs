using OnboardingWorkflow.Cli.Commands;

namespace OnboardingWorkflow.Cli.Tests;

/// <summary><c>owf</c> answers every mistake with one line and an exit code, never a stack trace.</summary>
public sealed class CommandLineRobustnessFacts
{
    private static readonly string Missing = Path.Combine(AppContext.BaseDirectory, "Bpmn", "no-such-file.bpmn");

    private static void OneLineFailure(CliRun run, int exitCode, string mentioned)
    {
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(mentioned, CliRun.Lines(run.Stderr)[0]);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Exception:", run.Stderr);
    }

    [Fact]
    public void Simulate_MissingFile_IsOneLineAndExitsOne()
    {
        var run = CliRun.Of("simulate", Missing);

        OneLineFailure(run, ExitCodes.Failed, "no-such-file.bpmn");
        Assert.Single(CliRun.Lines(run.Stderr));
    }

    [Fact]
    public void Simulate_DirectoryInsteadOfAFile_IsOneLineAndExitsOne()
    {
        var run = CliRun.Of("simulate", AppContext.BaseDirectory);

        OneLineFailure(run, ExitCodes.Failed, "cannot read");
        Assert.Single(CliRun.Lines(run.Stderr));
    }

    [Fact]
    public void Simulate_ProcessIdNotInTheFile_IsOneLineAndExitsOne()
    {
        var run = CliRun.Of("simulate", CliRun.ReferenceFlow, "--process", "nope");

        OneLineFailure(run, ExitCodes.Failed, "no executable process 'nope'");
        Assert.Single(CliRun.Lines(run.Stderr));
    }

    [Fact]
    public void Simulate_InvalidFile_ListsItsProblems_AndExitsOne()
    {
        var run = CliRun.Of("simulate", CliRun.CliFixture("bad-contract.bpmn"));

        OneLineFailure(run, ExitCodes.Failed, "BPMN106");
    }

    [Fact]
    public void Bench_MissingFile_IsOneLineAndExitsOne()
    {
        var run = CliRun.Of("bench", "--file", Missing, "--n", "2", "--warmup", "0");

        OneLineFailure(run, ExitCodes.Failed, "does not exist");
    }

    [Fact]
    public void Bench_RunsTheLegacyReferenceFlow_WhichHasNoContracts()
    {
        var run = CliRun.Of("bench", "--file", CliRun.ReferenceFlow, "--n", "20", "--warmup", "0");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("20 instances", run.Stdout);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("simulate")]
    [InlineData("bench")]
    [InlineData("score")]
    [InlineData("fit-scorecard")]
    public void UnknownOption_IsAUsageError_OnEveryCommand(string command)
    {
        var run = CliRun.Of(command, "--no-such-option");

        OneLineFailure(run, ExitCodes.Usage, "--no-such-option");
        Assert.StartsWith($"usage: owf {command}", CliRun.Lines(run.Stderr)[1]);
    }

    [Theory]
    [InlineData("validate", "--help")]
    [InlineData("simulate", "--help")]
    [InlineData("bench", "-h")]
    [InlineData("score", "--help")]
    [InlineData("fit-scorecard", "--help")]
    public void Help_OnEveryCommand_PrintsItsUsage_AndExitsZero(string command, string help)
    {
        var run = CliRun.Of(command, help);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.StartsWith($"usage: owf {command}", run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Version_PrintsOneLine_AndExitsZero()
    {
        var run = CliRun.Of("--version");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Matches(@"^owf \d+\.\d+", Assert.Single(CliRun.Lines(run.Stdout)));
    }

    [Fact]
    public void FitScorecard_UnwritableOut_IsRefusedBeforeAnyWork()
    {
        var outPath = Path.Combine(AppContext.BaseDirectory, "no-such-directory", "policy.json");

        // The data file does not exist either: the --out check comes first, so it is what is reported.
        var run = CliRun.Of("fit-scorecard", "--data", "missing.csv", "--label", "bad", "--out", outPath);

        OneLineFailure(run, ExitCodes.Failed, "cannot write --out");
        Assert.Single(CliRun.Lines(run.Stderr));
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void FitScorecard_OutThatIsADirectory_IsRefusedBeforeAnyWork()
    {
        var run = CliRun.Of("fit-scorecard", "--data", "missing.csv", "--label", "bad", "--out", AppContext.BaseDirectory);

        OneLineFailure(run, ExitCodes.Failed, "it is a directory");
    }

    [Fact]
    public void Score_MissingInput_IsOneLineAndExitsOne()
    {
        var run = CliRun.Of("score", "--input", Missing);

        OneLineFailure(run, ExitCodes.Failed, "does not exist");
    }
}
