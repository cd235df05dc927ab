using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class MessageAndCallTests
{
    [Fact]
    public async Task ReceiveTask_IsResumedOnlyByItsCorrelationKey()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/messages.bpmn");
        var first = await harness.StartAsync("contracting", new { contractId = "C-1" });
        var second = await harness.StartAsync("contracting", new { contractId = "C-2" });

        var result = await harness.Engine.CorrelateMessageAsync("contractSigned", "C-2", new Dictionary<string, object?> { ["signedBy"] = "CFO" });

        Assert.Equal([second.Id], result.ResumedInstances);
        Assert.Empty(await harness.OpenTasksAsync(first.Id));
        Assert.Equal("activate", Assert.Single(await harness.OpenTasksAsync(second.Id)).ElementId);
        Assert.Equal("CFO", (await harness.ReloadAsync(second)).Variables["signedBy"]);
    }

    [Fact]
    public async Task MessageBoundaryOnTask_InterruptsIt()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/messages.bpmn");
        var instance = await harness.StartAsync("contracting", new { contractId = "C-3" }, businessKey: "APP-3");
        await harness.Engine.CorrelateMessageAsync("contractSigned", "C-3");

        await harness.Engine.CorrelateMessageAsync("applicationCancelled", "APP-3");

        instance = await harness.ReloadAsync(instance);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["cancelled", "cancelEnd"], harness.CompletedPath(instance.Id).TakeLast(2));
        Assert.Empty(await harness.OpenTasksAsync(instance.Id));
    }

    [Fact]
    public async Task IntermediateMessageCatch_WaitsForItsMessage()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/messages.bpmn");
        var instance = await harness.StartAsync("contracting", new { contractId = "C-4" }, businessKey: "APP-4");
        await harness.Engine.CorrelateMessageAsync("contractSigned", "C-4");
        instance = await harness.CompleteAsync(instance, "activate");
        Assert.Equal(InstanceStatus.Waiting, instance.Status);

        await harness.Engine.CorrelateMessageAsync("paymentReceived", "APP-4");

        Assert.Equal(InstanceStatus.Completed, (await harness.ReloadAsync(instance)).Status);
    }

    [Fact]
    public async Task MessageStartEvent_StartsAnInstance_WhenNothingWaits()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/messages.bpmn");

        var result = await harness.Engine.CorrelateMessageAsync("applicationSubmitted", "APP-99", new Dictionary<string, object?> { ["company"] = "Acme" });

        var id = Assert.Single(result.StartedInstances);
        var instance = (await harness.Engine.GetInstanceAsync(id))!;
        Assert.Equal("intake", instance.ProcessKey);
        Assert.Equal("APP-99", instance.BusinessKey);
        Assert.Equal("Acme", instance.Variables["company"]);
        Assert.Equal("triage", Assert.Single(await harness.OpenTasksAsync(id)).ElementId);
    }

    [Fact]
    public async Task SendTask_DeliversItsMessageToTheWaitingInstance()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/messages.bpmn", "runtime/sender.bpmn");
        var waiting = await harness.StartAsync("contracting", new { contractId = "C-5" });

        var sender = await harness.StartAsync("signingDesk", new { contractId = "C-5" });

        Assert.Equal(InstanceStatus.Completed, sender.Status);
        Assert.Equal("activate", Assert.Single(await harness.OpenTasksAsync(waiting.Id)).ElementId);
    }

    [Fact]
    public async Task CallActivity_MapsVariablesInAndOut()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/call-activity.bpmn");
        var parent = await harness.StartAsync("parentFlow", new { customerName = "Acme", limit = 800, secret = "x" });

        var childTask = Assert.Single(await harness.Store.QueryTasksAsync(new Stores.TaskQuery { ProcessKey = "kycCheck" }));
        var child = (await harness.Engine.GetInstanceAsync(childTask.InstanceId))!;
        Assert.Equal(parent.Id, child.ParentInstanceId);
        Assert.Equal("Acme", child.Variables["name"]);
        Assert.Equal(1600m, child.Variables["exposure"]);
        Assert.False(child.Variables.ContainsKey("secret"));

        await harness.Engine.CompleteTaskAsync(childTask.Id, new Dictionary<string, object?> { ["passed"] = true });

        parent = await harness.ReloadAsync(parent);
        Assert.Equal(InstanceStatus.Completed, parent.Status);
        Assert.Equal("Acme:enhanced", parent.Variables["kyc"]);
        Assert.False(parent.Variables.ContainsKey("passed"));
        Assert.Equal(InstanceStatus.Completed, (await harness.Engine.GetInstanceAsync(child.Id))!.Status);
    }

    [Fact]
    public async Task ErrorEndInCalledProcess_IsCaughtByBoundaryOfCallActivity()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/call-activity.bpmn");
        var parent = await harness.StartAsync("parentFlow", new { customerName = "Acme", limit = 10 });
        var childTask = Assert.Single(await harness.Store.QueryTasksAsync(new Stores.TaskQuery { ProcessKey = "kycCheck" }));

        await harness.Engine.CompleteTaskAsync(childTask.Id, new Dictionary<string, object?> { ["passed"] = false });

        parent = await harness.ReloadAsync(parent);
        Assert.Equal(InstanceStatus.Completed, parent.Status);
        Assert.Equal(["kycError", "failed"], harness.CompletedPath(parent.Id).TakeLast(2));
        Assert.Equal(InstanceStatus.Terminated, (await harness.Engine.GetInstanceAsync(childTask.InstanceId))!.Status);
    }

    [Fact]
    public async Task TerminatingTheParent_TerminatesTheCalledInstance()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/call-activity.bpmn");
        var parent = await harness.StartAsync("parentFlow", new { customerName = "Acme", limit = 10 });
        var childTask = Assert.Single(await harness.Store.QueryTasksAsync(new Stores.TaskQuery { ProcessKey = "kycCheck" }));

        parent = await harness.Engine.TerminateAsync(parent.Id, "withdrawn", "admin");

        Assert.Equal(InstanceStatus.Terminated, parent.Status);
        Assert.Equal(InstanceStatus.Terminated, (await harness.Engine.GetInstanceAsync(childTask.InstanceId))!.Status);
        Assert.Equal(Stores.UserTaskStatus.Cancelled, (await harness.Store.FindTaskAsync(childTask.Id))!.Status);
    }
}
