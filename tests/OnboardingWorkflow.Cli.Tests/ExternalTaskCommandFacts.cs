using OnboardingWorkflow.Cli.Commands;

namespace OnboardingWorkflow.Cli.Tests;

/// <summary>owf validate and owf simulate on external tasks (camunda:type="external").</summary>
public sealed class ExternalTaskCommandFacts
{
    private static string ValidationFixture(string name) =>
        Path.Combine(OnboardingWorkflow.Testing.RepositoryRoot.Path, "tests", "OnboardingWorkflow.Engine.Tests", "Bpmn", "validation", name);

    [Fact]
    public void Validate_ReportsAnExternalTaskWithoutATopic_WithAHandler_OrOfAnUnknownType_WithLinesAndCodes()
    {
        var run = CliRun.Of("validate", ValidationFixture("external-tasks.bpmn"));

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("external-tasks.bpmn:6:", run.Stdout);
        Assert.Contains("error BPMN131", run.Stdout);
        Assert.Contains("error BPMN132", run.Stdout);
        Assert.Contains("error BPMN133", run.Stdout);
        Assert.Contains("[noTopic]", run.Stdout);
    }

    [Fact]
    public void Simulate_WaitsAtAnExternalTask_UntilAskedToCompleteIt_ThenGoesOn()
    {
        var file = CliRun.EngineFixture("external-tasks.bpmn");

        var waiting = CliRun.Of("simulate", file, "--variables", "{\"priority\":3}");
        var done = CliRun.Of("simulate", file, "--variables", "{\"priority\":3}", "--external", "lookup={\"bureauScore\":640}", "--external", "updateErp");

        Assert.Equal(2, waiting.ExitCode);
        var task = Assert.Single(waiting.FinalState.GetProperty("waiting").EnumerateArray());
        Assert.Equal(("External", "lookup", "credit-bureau"), (task.GetProperty("kind").GetString(), task.GetProperty("element").GetString(), task.GetProperty("topic").GetString()));
        Assert.Equal(0, done.ExitCode);
        Assert.Equal(["start", "lookup", "updateErp", "end"], done.CompletedPath);
        Assert.Equal(640, done.FinalState.GetProperty("variables").GetProperty("bureauScore").GetDecimal());
    }

    [Fact]
    public void Simulate_RefusesUndeclaredVariables_AndThrowsABpmnErrorToTheBoundaryEvent()
    {
        var file = CliRun.EngineFixture("external-tasks.bpmn");

        var refused = CliRun.Of("simulate", file, "--variables", "{\"priority\":3}", "--external", "lookup={\"approved\":true}");
        var error = CliRun.Of("simulate", file, "--variables", "{\"priority\":3}", "--external-error", "lookup=NO_RECORD");
        var missing = CliRun.Of("simulate", file, "--variables", "{\"priority\":3}", "--external", "updateErp");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("breaks its contract", refused.Stderr);
        Assert.Equal(2, error.ExitCode);
        Assert.Equal("manualCheck", Assert.Single(error.FinalState.GetProperty("waiting").EnumerateArray()).GetProperty("element").GetString());
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no external task 'updateErp' is waiting", missing.Stderr);
    }
}
