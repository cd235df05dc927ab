using System.Text.RegularExpressions;
using OnboardingWorkflow.Cli.Commands;

namespace OnboardingWorkflow.Cli.Tests;

public sealed partial class ValidateCommandTests
{
    [Fact]
    public void ValidFile_ExitsZeroAndPrintsNothing()
    {
        var run = CliRun.Of("validate", Fixture("approval-contracts.bpmn"));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void BrokenFile_ExitsOneWithOneCompilerStyleLinePerProblem()
    {
        var file = Fixture("broken.bpmn");

        var run = CliRun.Of("validate", file);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var problems = Lines(run.Stdout).Select(Parse).ToList();
        Assert.Equal(
            [
                (file, 6, 6, "error", "BPMN060", "bureau"),
                (file, 7, 6, "error", "BPMN021", "toArchive"),
            ],
            problems.Select(p => (p.File, p.Line, p.Column, p.Level, p.Code, p.ElementId)));
        Assert.Contains("'archive'", problems[1].Message);
    }

    [Fact]
    public void MalformedFile_ReportsTheReadersPositionWithoutAnElementId()
    {
        var file = Fixture("malformed.bpmn");

        var run = CliRun.Of("validate", file);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var problem = Parse(Assert.Single(Lines(run.Stdout)));
        Assert.Equal((file, 5, "BPMN001", (string?)null), (problem.File, problem.Line, problem.Code, problem.ElementId));
    }

    [Fact]
    public void FileWithOnlyWarnings_ExitsZeroButPrintsThem()
    {
        var file = Fixture("warnings-only.bpmn");

        var run = CliRun.Of("validate", file);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var problem = Parse(Assert.Single(Lines(run.Stdout)));
        Assert.Equal((7, "warning", "BPMN083", "fallback"), (problem.Line, problem.Level, problem.Code, problem.ElementId));
    }

    [Fact]
    public void SeveralFiles_AreAllCheckedAndEachLineNamesItsFile()
    {
        var broken = Fixture("broken.bpmn");
        var malformed = Fixture("malformed.bpmn");

        var run = CliRun.Of("validate", Fixture("approval-contracts.bpmn"), broken, malformed);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var files = Lines(run.Stdout).Select(line => Parse(line).File).ToList();
        Assert.Equal([broken, broken, malformed], files);
    }

    [Fact]
    public void SeveralValidFiles_ExitZero()
    {
        var run = CliRun.Of("validate", CliRun.ReferenceFlow, Fixture("warnings-only.bpmn"));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
    }

    [Fact]
    public void CompensationAndTransactions_AreAccepted_AndTheirMistakesReportedWithTheirCodes()
    {
        var valid = CliRun.Of("validate", CliRun.EngineFixture("compensation.bpmn"), CliRun.EngineFixture("transactions.bpmn"));
        var transactionErrors = EngineValidationFixture("transaction-errors.bpmn");
        var broken = CliRun.Of("validate", transactionErrors);

        Assert.Equal(ExitCodes.Ok, valid.ExitCode);
        Assert.All(Lines(valid.Stdout), line => Assert.Equal("BPMN109", Parse(line).Code)); // only user tasks without a contract
        Assert.Equal(ExitCodes.Failed, broken.ExitCode);
        Assert.Equal(
            [
                (10, "BPMN125", "cancelOutside"),
                (12, "BPMN126", "cancelOnPlain"),
                (15, "BPMN127", "unguarded"),
                (27, "BPMN126", "secondCancel"),
            ],
            Lines(broken.Stdout).Select(Parse).Select(p => (p.Line, p.Code, p.ElementId)));
    }

    [Fact]
    public void AsyncContinuationsAndRetryCycles_AreAccepted_AndTheirMistakesReportedWithTheirCodes()
    {
        var valid = CliRun.Of("validate", CliRun.EngineFixture("async-after.bpmn"), CliRun.EngineFixture("async-retry.bpmn"));
        var broken = CliRun.Of("validate", EngineValidationFixture("retry-cycles.bpmn"));

        Assert.Equal(ExitCodes.Ok, valid.ExitCode);
        Assert.All(Lines(valid.Stdout), line => Assert.Equal("BPMN109", Parse(line).Code)); // only user tasks without a contract
        Assert.Equal(ExitCodes.Failed, broken.ExitCode);
        Assert.Equal(
            [
                (6, "error", "BPMN128", "notADuration"),
                (10, "error", "BPMN128", "noTries"),
                (14, "error", "BPMN128", "fromExpression"),
                (18, "warning", "BPMN129", "withoutJob"),
                (30, "warning", "BPMN130", "end"),
            ],
            Lines(broken.Stdout).Select(Parse).Select(p => (p.Line, p.Level, p.Code, p.ElementId)));
    }

    [Fact]
    public void MissingFile_ExitsOneWithALineNamingIt()
    {
        var missing = Path.Combine(AppContext.BaseDirectory, "Bpmn", "no-such-file.bpmn");

        var run = CliRun.Of("validate", missing, Fixture("approval-contracts.bpmn"));

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var line = Assert.Single(Lines(run.Stdout));
        Assert.StartsWith(missing + ":", line);
        Assert.Contains(": error ", line);
    }

    [Fact]
    public void DirectoryInsteadOfAFile_ExitsOneWithoutCrashing()
    {
        var run = CliRun.Of("validate", AppContext.BaseDirectory);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains(": error ", run.Stdout);
    }

    [Fact]
    public void NoFiles_IsAUsageError()
    {
        var run = CliRun.Of("validate");

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("usage: owf validate FILE...", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Bpmn", name);

    private static string EngineValidationFixture(string name) =>
        Path.Combine(CliRun.RepositoryRoot, "tests", "OnboardingWorkflow.Engine.Tests", "Bpmn", "validation", name);

    private static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    private static Problem Parse(string line)
    {
        var match = ProblemLine().Match(line);
        Assert.True(match.Success, $"not in the FILE:LINE:COL: error CODE: message [elementId] format: {line}");
        return new Problem(
            match.Groups["file"].Value,
            int.Parse(match.Groups["line"].Value),
            int.Parse(match.Groups["column"].Value),
            match.Groups["level"].Value,
            match.Groups["code"].Value,
            match.Groups["message"].Value,
            match.Groups["id"].Success ? match.Groups["id"].Value : null);
    }

    private sealed record Problem(string File, int Line, int Column, string Level, string Code, string Message, string? ElementId);

    [GeneratedRegex(@"^(?<file>.+):(?<line>[1-9]\d*):(?<column>[1-9]\d*): (?<level>error|warning) (?<code>BPMN\d{3}): (?<message>.+?)(?: \[(?<id>[^\[\]]+)\])?$")]
    private static partial Regex ProblemLine();
}
