using OnboardingWorkflow.Engine.Parsing;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

/// <summary>Models other tools write that are legal BPMN though not tidy: they deploy with warnings and run.</summary>
public sealed class LenientModelFacts
{
    [Fact]
    public async Task FlowsWithoutIds_Deploy_WithWarnings_UnderGeneratedIds_AndRunToTheEnd()
    {
        var harness = new EngineHarness();

        var deployed = await harness.DeployAsync("runtime/flows-without-ids.bpmn");
        var instance = await harness.StartAsync("flowsWithoutIds", new { amount = 200 });
        instance = await harness.CompleteAsync(instance, "small");

        Assert.Equal(5, deployed.Warnings.Count(w => w.Code == DiagnosticCodes.MissingId));
        Assert.Contains(deployed.Warnings, w => w.Code == DiagnosticCodes.GatewayDeadEnd && w.ElementId == "decide");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["start", "decide", "small", "end"], harness.CompletedPath(instance.Id));
        var definition = await harness.Engine.GetDefinitionAsync("flowsWithoutIds", 1);
        Assert.Equal(["flow_start_decide", "flow_decide_small", "flow_decide_large", "flow_small_end", "flow_large_end"], definition.Root.Flows.Select(f => f.Id));
    }

    [Fact]
    public async Task GatewayWithoutDefault_WhereNoConditionHolds_StopsTheInstanceWithAnIncident()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/flows-without-ids.bpmn");

        var instance = await harness.StartAsync("flowsWithoutIds", new { amount = 3000 });

        var incident = Assert.Single(instance.Incidents);
        Assert.Equal(("decide", IncidentCodes.NoOutgoingFlow), (incident.ElementId, incident.Code));
        Assert.Empty(await harness.OpenTasksAsync(instance.Id));
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
    }
}
