using System.Text.Json;
using OnboardingWorkflow.Cli.Commands;

namespace OnboardingWorkflow.Cli.Tests;

public sealed class TaskContractCommandFacts
{
    private static readonly string Contracted = CliRun.CliFixture("approval-contracts.bpmn");

    [Fact]
    public void Validate_BadContract_PrintsEachContractProblemOnItsLine_AndExitsOne()
    {
        var file = CliRun.CliFixture("bad-contract.bpmn");

        var run = CliRun.Of("validate", file);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal(
            [$"{file}:11:16: error BPMN106", $"{file}:12:16: error BPMN105", $"{file}:15:12: error BPMN101"],
            CliRun.Lines(run.Stdout).Select(l => l[..l.IndexOf(':', file.Length + 12)]));
        Assert.All(CliRun.Lines(run.Stdout), l => Assert.EndsWith("[approve]", l));
    }

    [Fact]
    public void Validate_LegacyFlowWithoutContracts_ExitsZero_WithOneWarningPerUserTask()
    {
        var run = CliRun.Of("validate", CliRun.ReferenceFlow);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var lines = CliRun.Lines(run.Stdout);
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Contains(": warning BPMN109: ", l));
        Assert.Contains(lines, l => l.EndsWith("[approveTier2Second]", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AllowUndeclared_AcceptsTasksWithoutContracts()
    {
        var run = CliRun.Of("validate", "--allow-undeclared", CliRun.ReferenceFlow);

        Assert.Equal((ExitCodes.Ok, string.Empty), (run.ExitCode, run.Stdout));
    }

    [Fact]
    public void Simulate_CompletionBreakingTheContract_PrintsTheRefusedFieldsAsOneJsonLine_AndExitsTwo()
    {
        var run = CliRun.Of("simulate", Contracted, "--variables", """{"amount":500}""",
            "--complete", """approveTier1={"approvedLimit":2000000,"note":"x"}""");

        Assert.Equal(2, run.ExitCode);
        var refusal = run.JsonLines[^1];
        Assert.Equal("approveTier1", refusal.GetProperty("refused").GetString());
        var errors = refusal.GetProperty("errors");
        Assert.StartsWith("approvedLimit: must be at most 1000000", errors.GetProperty("approvedLimit")[0].GetString());
        Assert.Equal("note: is not declared by task 'approveTier1'", errors.GetProperty("note")[0].GetString());
        Assert.DoesNotContain(run.Events, e => e.GetProperty("event").GetString() == "completed" && e.GetProperty("element").GetString() == "approveTier1");
        Assert.Single(CliRun.Lines(run.Stderr));
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public void Simulate_ValidCompletion_KeepsTheAmountExact()
    {
        var run = CliRun.Of("simulate", Contracted, "--variables", """{"amount":500}""",
            "--complete", """approveTier1={"approvedLimit":123456.01}""");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("123456.01", run.FinalState.GetProperty("variables").GetProperty("approvedLimit").GetRawText());
    }

    [Fact]
    public void Simulate_LegacyFlow_RefusesVariables_UnlessUndeclaredAreAllowed()
    {
        string[] args = ["simulate", CliRun.ReferenceFlow, "--variables", """{"amount":5000}""",
            "--complete", """approveTier2First={"firstSignature":"ana"}""", "--complete", "approveTier2Second"];

        var strict = CliRun.Of(args);
        var legacy = CliRun.Of([.. args, "--allow-undeclared"]);

        Assert.Equal(2, strict.ExitCode);
        Assert.Equal(JsonValueKind.Array, strict.JsonLines[^1].GetProperty("errors").GetProperty("firstSignature").ValueKind);
        Assert.Equal(0, legacy.ExitCode);
        Assert.Equal("ana", legacy.FinalState.GetProperty("variables").GetProperty("firstSignature").GetString());
    }
}
