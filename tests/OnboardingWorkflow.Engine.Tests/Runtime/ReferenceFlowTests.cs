using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

/// <summary>The shared throughput reference flow, run through its two paths.</summary>
public sealed class ReferenceFlowTests
{
    [Theory]
    [InlineData(500, new[] { "approveTier1" }, 1d)]
    [InlineData(1000, new[] { "approveTier1" }, 1d)]
    [InlineData(1000.5, new[] { "approveTier2First", "approveTier2Second" }, 2d)]
    public async Task ApprovalFlow_TakesOneOrTwoApprovals_ByAmount(double amount, string[] expectedTasks, double expectedScore)
    {
        var harness = new EngineHarness();
        await harness.Engine.DeployAsync(File.ReadAllText(TestFiles.Shared("bench", "approval.bpmn")));
        var instance = await harness.StartAsync("approvalBench", new { amount });

        var taken = new List<string>();
        while (instance.Status == InstanceStatus.Waiting)
        {
            var task = Assert.Single(await harness.OpenTasksAsync(instance.Id));
            taken.Add(task.ElementId);
            instance = await harness.Engine.CompleteTaskAsync(task.Id);
        }

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(expectedTasks, taken);
        Assert.Equal((decimal)expectedScore, instance.Variables["score"]);
    }
}
