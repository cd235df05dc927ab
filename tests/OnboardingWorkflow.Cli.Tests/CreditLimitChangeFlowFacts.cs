using System.Text.Json;
using static OnboardingWorkflow.Cli.Tests.OnboardingFlowSimulation;

namespace OnboardingWorkflow.Cli.Tests;

/// <summary>
/// Drives <c>workflows/credit-limit-change.bpmn</c> through <c>owf simulate</c>, with --handler
/// standing in for the re-assessment and the services that apply or refuse the change.
/// </summary>
public sealed class CreditLimitChangeFlowFacts
{
    private const string RequestId = "LC-1";

    private static readonly string[] AnalystLevelHandlers =
    [
        "--handler", """assessLimitChange={"approvalLevel":"analyst","recommendedLimit":100000}""",
        "--handler", """applyLimitChange={"limitApplied":true}""",
        "--handler", """limitChangeRejected={"requesterTold":true}""",
        "--handler", """revertTemporaryLimit={"limitReverted":true}""",
    ];

    private static string StartVariables(string kind = "Increase", string? temporaryUntil = null)
    {
        var variables = new Dictionary<string, object>
        {
            ["requestId"] = RequestId,
            ["kind"] = kind,
            ["maker"] = Maker,
            ["currentLimit"] = 50_000,
            ["requestedLimit"] = 100_000,
        };
        if (temporaryUntil is not null)
        {
            variables["temporaryUntil"] = temporaryUntil;
        }

        return JsonSerializer.Serialize(variables);
    }

    private static OnboardingFlowResult Simulate(string variables, params string[][] steps) =>
        Run(["simulate", LimitChangeFlowPath, "--started-by", Maker, "--business-key", RequestId, "--variables", variables, .. AnalystLevelHandlers, .. steps.SelectMany(s => s)]);

    private static string[] AnalystDecides(string json, string analyst = Approver) => Complete("approveLimitAnalyst", json, analyst);

    [Fact]
    public void An_increase_approved_at_analyst_level_applies_the_new_limit()
    {
        var run = Simulate(StartVariables(), AnalystDecides("""{"decision":"approve","approvedLimit":100000}"""));

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(
            new[] { "limitChangeRequested", "assessLimitChange", "limitApprovalLevel", "approveLimitAnalyst", "limitDecision", "applyLimitChange", "temporaryGateway", "limitChanged" },
            run.Completed);
        Assert.DoesNotContain("approveLimitManager", run.Activated);
        Assert.DoesNotContain("limitChangeRejected", run.Activated);
        Assert.Equal(100000, run.Variable("approvedLimit").GetDecimal());
        Assert.True(run.Variable("limitApplied").GetBoolean());
    }

    [Fact]
    public void A_rejected_increase_tells_the_requester_and_leaves_the_limit_unchanged()
    {
        var run = Simulate(StartVariables(), AnalystDecides("""{"decision":"reject"}"""));

        Assert.True(run.ExitCode == 0, run.Describe());
        run.AssertPathEndsWith("approveLimitAnalyst", "limitDecision", "limitChangeRejected", "limitUnchanged");
        Assert.DoesNotContain("applyLimitChange", run.Activated);
        Assert.False(run.HasVariable("limitApplied"));
    }

    [Fact]
    public void Until_an_analyst_decides_the_request_waits_at_the_analyst_task()
    {
        var run = Simulate(StartVariables());

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.Equal(new[] { "approveLimitAnalyst" }, run.OpenTasks);
    }

    [Fact]
    public void The_requester_cannot_approve_their_own_limit_change()
    {
        var run = Simulate(StartVariables(), AnalystDecides("""{"decision":"approve"}""", analyst: Maker));

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.Equal("approveLimitAnalyst", run.Refusal.GetProperty("refused").GetString());
        Assert.DoesNotContain("applyLimitChange", run.Activated);
    }

    [Fact]
    public void Request_info_is_not_a_decision_on_a_limit_change()
    {
        var run = Simulate(StartVariables(), AnalystDecides("""{"decision":"request-info"}"""));

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.StartsWith("decision: must be one of approve, reject", run.Refusal.GetProperty("errors").GetProperty("decision")[0].GetString());
    }

    [Fact]
    public void A_temporary_increase_returns_to_the_previous_limit_when_it_ends()
    {
        var approved = AnalystDecides("""{"decision":"approve","approvedLimit":100000}""");

        var running = Simulate(StartVariables("TemporaryIncrease", "2026-02-01T00:00:00Z"), approved);
        var ended = Simulate(StartVariables("TemporaryIncrease", "2026-02-01T00:00:00Z"), approved, ["--advance", "P30D"]);

        Assert.True(running.ExitCode == 2, running.Describe());
        Assert.Equal(new[] { "temporaryLimitEnds" }, running.WaitingElements);
        Assert.True(ended.ExitCode == 0, ended.Describe());
        ended.AssertPathEndsWith("applyLimitChange", "temporaryGateway", "temporaryLimitEnds", "revertTemporaryLimit", "temporaryLimitEnded");
    }
}
