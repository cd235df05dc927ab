using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

/// <summary>A sweep claims each due timer or job before it fires it; work another sweep holds is left until that claim expires.</summary>
public sealed class DueClaimFacts
{
    [Fact]
    public async Task AJobClaimedByAnotherSweep_IsLeft_UntilTheClaimExpires_AndAFiringReleasesItsOwnClaim()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/async-after.bpmn");
        var instance = await harness.StartAsync("asyncAfter", new { amount = 500 });
        var job = Assert.Single(instance.Bookmarks);
        Assert.Equal(BookmarkKind.Job, job.Kind);
        var now = harness.Clock.GetUtcNow();
        Assert.True(await harness.Store.ClaimDueAsync(new BookmarkRef(instance.Id, job.Id, job.DueAt), "other-server", now + TimeSpan.FromMinutes(5), now));

        Assert.Equal(0, await harness.Engine.RunDueJobsAsync());
        Assert.Empty(await harness.Store.FindDueAsync(now, 10));
        Assert.False(await harness.Store.ClaimDueAsync(new BookmarkRef(instance.Id, job.Id, job.DueAt), "third-server", now + TimeSpan.FromMinutes(5), now));

        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await harness.Engine.RunDueJobsAsync());
        instance = await harness.ReloadAsync(instance);
        Assert.DoesNotContain(instance.Bookmarks, b => b.Kind == BookmarkKind.Job);
        Assert.Single(await harness.OpenTasksAsync(instance.Id));
    }
}
