using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class FourEyesTests
{
    private static async Task<(EngineHarness Harness, ProcessInstance Instance)> StartAsync()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/four-eyes.bpmn");
        var instance = await harness.StartAsync("fourEyes", actor: "sally");
        instance = await harness.CompleteAsync(instance, "prepare", actor: "sally");
        return (harness, instance);
    }

    [Fact]
    public async Task TheMaker_CannotCompleteAFourEyesTask_AndNothingChanges()
    {
        var (harness, instance) = await StartAsync();

        var error = await Assert.ThrowsAsync<MakerCheckerException>(() => harness.CompleteAsync(instance, "analystApproval", actor: "SALLY"));

        Assert.Contains("maker", error.Message);
        Assert.Equal("analystApproval", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Empty((await harness.ReloadAsync(instance)).Checkers);
    }

    [Fact]
    public async Task OnePerson_CannotApproveTwiceInOneCase()
    {
        var (harness, instance) = await StartAsync();
        instance = await harness.CompleteAsync(instance, "analystApproval", actor: "alan");

        var error = await Assert.ThrowsAsync<MakerCheckerException>(() => harness.CompleteAsync(instance, "managerApproval", actor: "alan"));

        Assert.Contains("twice", error.Message);
        Assert.Equal("managerApproval", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
    }

    [Fact]
    public async Task AnonymousCompletion_OfAFourEyesTask_IsRefused()
    {
        var (harness, instance) = await StartAsync();

        await Assert.ThrowsAsync<MakerCheckerException>(() => harness.CompleteAsync(instance, "analystApproval", actor: null));
    }

    [Fact]
    public async Task TwoDistinctCheckers_CompleteTheCase()
    {
        var (harness, instance) = await StartAsync();

        instance = await harness.CompleteAsync(instance, "analystApproval", actor: "alan");
        instance = await harness.CompleteAsync(instance, "managerApproval", actor: "mona");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["alan", "mona"], instance.Checkers);
    }

    [Fact]
    public async Task TasksWithoutTheProperty_AcceptTheMaker()
    {
        var (harness, instance) = await StartAsync();

        Assert.Equal(["start", "prepare"], harness.CompletedPath(instance.Id));
    }
}
