using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Server.Jobs;

namespace OnboardingWorkflow.Server.Tests.Jobs;

[Collection(HangfireHostCollection.Name)]
public sealed class RecurringJobsFacts
{
    private static List<RecurringJobDto> RecurringJobs(JobsServerFactory factory)
    {
        _ = factory.Server;
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }

    [Fact]
    public async Task Startup_SchedulesTimerSweepAndOutboxDispatcher_WithStableIdsAndSecondsCron()
    {
        await using var factory = new JobsServerFactory(new Dictionary<string, string?> { ["Jobs:Enabled"] = "true" });

        var jobs = RecurringJobs(factory).ToDictionary(j => j.Id, j => j.Cron);

        Assert.Equal("*/15 * * * * *", jobs[WorkflowTimersJob.Id]);
        Assert.Equal("*/10 * * * * *", jobs[EmailOutboxJob.Id]);
        Assert.Equal(["email-outbox", "workflow-timers"], jobs.Keys.Order().ToArray());
    }

    [Fact]
    public async Task Startup_LeavesOutJobSwitchedOff()
    {
        await using var factory = new JobsServerFactory(new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "true",
            ["Jobs:WorkflowTimers"] = "false",
        });

        var jobs = RecurringJobs(factory);

        Assert.Equal([EmailOutboxJob.Id], jobs.Select(j => j.Id).ToArray());
    }
}
