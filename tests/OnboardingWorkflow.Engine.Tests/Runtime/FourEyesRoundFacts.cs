using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class FourEyesRoundFacts
{
    private static readonly List<object?> Members = ["ana", "ben", "chen"];

    private static async Task<(EngineHarness Harness, ProcessInstance Instance)> StartAsync()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/four-eyes-rounds.bpmn");
        var instance = await harness.StartAsync("fourEyesRounds", new Dictionary<string, object?> { ["members"] = Members }, actor: "sally");
        return (harness, instance);
    }

    [Fact]
    public async Task MakerTask_RefusesTheMaker_WhateverTheSpelling()
    {
        var (harness, instance) = await StartAsync();

        var error = await Assert.ThrowsAsync<MakerCheckerException>(() => harness.CompleteAsync(instance, "reviewDocuments", actor: "  Sally "));

        Assert.Contains("maker", error.Message);
        Assert.Equal("reviewDocuments", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
    }

    [Fact]
    public async Task MakerTask_RecordsNoChecker_SoTheReviewerMayApproveLater()
    {
        var (harness, instance) = await StartAsync();

        instance = await harness.CompleteAsync(instance, "reviewDocuments", actor: "alan");
        Assert.Empty(instance.Checkers);
        instance = await harness.CompleteAsync(instance, "approve", new { decision = "approve" }, actor: "alan");

        Assert.Equal(["alan"], instance.Checkers);
        Assert.Equal(3, (await harness.OpenTasksAsync(instance.Id)).Count(t => t.ElementId == "committee"));
    }

    [Fact]
    public async Task RepeatApprover_InTheSameRound_IsRefused()
    {
        var (harness, instance) = await StartAsync();
        instance = await harness.CompleteAsync(instance, "reviewDocuments", actor: "alan");
        instance = await harness.CompleteAsync(instance, "approve", new { decision = "approve" }, actor: "mona");
        var committee = (await harness.OpenTasksAsync(instance.Id)).Where(t => t.ElementId == "committee").ToList();

        var error = await Assert.ThrowsAsync<MakerCheckerException>(() => harness.Engine.CompleteTaskAsync(committee[0].Id, null, "MONA"));

        Assert.Contains("twice", error.Message);
        Assert.Equal(3, (await harness.OpenTasksAsync(instance.Id)).Count);
    }

    [Fact]
    public async Task NewRound_AfterARequestForInformation_LetsTheSameApproverDecideAgain()
    {
        var (harness, instance) = await StartAsync();
        instance = await harness.CompleteAsync(instance, "reviewDocuments", actor: "alan");
        instance = await harness.CompleteAsync(instance, "approve", new { decision = "requestInfo" }, actor: "mona");
        Assert.Empty(instance.Checkers);
        instance = await harness.CompleteAsync(instance, "reviewDocuments", actor: "alan");

        instance = await harness.CompleteAsync(instance, "approve", new { decision = "approve" }, actor: "mona");

        Assert.Equal(["mona"], instance.Checkers);
        Assert.Equal(["start", "reviewDocuments", "approve", "decided", "reviewDocuments", "approve", "decided"], harness.CompletedPath(instance.Id));
    }

    [Fact]
    public async Task Committee_OfThreeDifferentMembers_Passes()
    {
        var (harness, instance) = await StartAsync();
        instance = await harness.CompleteAsync(instance, "reviewDocuments", actor: "alan");
        instance = await harness.CompleteAsync(instance, "approve", new { decision = "approve" }, actor: "mona");

        foreach (var task in (await harness.OpenTasksAsync(instance.Id)).ToList())
        {
            instance = await harness.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["vote"] = true }, task.Assignee);
        }

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["ana", "ben", "chen", "mona"], instance.Checkers.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("ana", "ana", true)]
    [InlineData(" Ana ", "ANA", true)]
    [InlineData("ana", "anna", false)]
    [InlineData(null, null, false)]
    [InlineData("", " ", false)]
    public void Actors_AreComparedTrimmedAndCaseInsensitively_AndBlankIsNobody(string? a, string? b, bool same)
    {
        Assert.Equal(same, Actors.Same(a, b));
    }
}
