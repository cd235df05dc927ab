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
    public async Task Startup_SchedulesTimerSweepOutboxDispatcherReplyReaderDailyEscalationReviewEarlyWarningAndTaskMails_WithStableIdsAndSecondsCron()
    {
        await using var factory = new JobsServerFactory(new Dictionary<string, string?> { ["Jobs:Enabled"] = "true" });

        var jobs = RecurringJobs(factory).ToDictionary(j => j.Id, j => j.Cron);

        Assert.Equal("*/15 * * * * *", jobs[WorkflowTimersJob.Id]);
        Assert.Equal("*/10 * * * * *", jobs[EmailOutboxJob.Id]);
        Assert.Equal("0 0 6 * * *", jobs[OverdueEscalationJob.Id]);
        Assert.Equal("0 0 7 * * *", jobs[PeriodicReviewJob.Id]);
        Assert.Equal("0 30 6 * * *", jobs[EarlyWarningJob.Id]);
        Assert.Equal("0 * * * * *", jobs[EmailRepliesJob.Id]);
        Assert.Equal("0 */2 * * * *", jobs[TaskMailJob.Id]);
        Assert.Equal("0 30 7 * * *", jobs[TaskDigestJob.Id]);
        Assert.Equal(["early-warning", "email-outbox", "email-replies", "overdue-escalation", "periodic-review", "task-digest", "task-mail", "workflow-timers"], jobs.Keys.Order().ToArray());
    }

    [Fact]
    public async Task Startup_LeavesOutJobSwitchedOff()
    {
        await using var factory = new JobsServerFactory(new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "true",
            ["Jobs:WorkflowTimers"] = "false",
            ["Jobs:OverdueEscalation"] = "false",
            ["Jobs:PeriodicReview"] = "false",
            ["Jobs:EarlyWarning"] = "false",
            ["Jobs:EmailReplies"] = "false",
            ["Jobs:TaskMail"] = "false",
            ["Jobs:TaskDigest"] = "false",
        });

        var jobs = RecurringJobs(factory);

        Assert.Equal([EmailOutboxJob.Id], jobs.Select(j => j.Id).ToArray());
    }

    [Fact]
    public async Task Startup_SchedulesTheEscalationAndTheEarlyWarningAtTheConfiguredTimes()
    {
        await using var factory = new JobsServerFactory(new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "true",
            ["Jobs:OverdueEscalationCron"] = "0 30 2 * * *",
            ["Jobs:EarlyWarningCron"] = "0 15 3 * * *",
        });

        var jobs = RecurringJobs(factory).ToDictionary(j => j.Id, j => j.Cron);

        Assert.Equal("0 30 2 * * *", jobs[OverdueEscalationJob.Id]);
        Assert.Equal("0 15 3 * * *", jobs[EarlyWarningJob.Id]);
    }

    [Fact]
    public async Task Startup_SchedulesThePeriodicReviewAndTheTaskMailsAtTheConfiguredTimes()
    {
        await using var factory = new JobsServerFactory(new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "true",
            ["Jobs:PeriodicReviewCron"] = "0 15 5 * * *",
            ["Jobs:TaskMailCron"] = "30 */5 * * * *",
            ["Jobs:TaskDigestCron"] = "0 0 8 * * *",
        });

        var jobs = RecurringJobs(factory).ToDictionary(j => j.Id, j => j.Cron);

        Assert.Equal("30 */5 * * * *", jobs[TaskMailJob.Id]);
        Assert.Equal("0 0 8 * * *", jobs[TaskDigestJob.Id]);

        Assert.Equal("0 15 5 * * *", jobs[PeriodicReviewJob.Id]);
        Assert.Equal("0 0 6 * * *", jobs[OverdueEscalationJob.Id]);
    }
}
