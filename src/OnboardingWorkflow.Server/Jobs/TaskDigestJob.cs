using Hangfire;
using OnboardingWorkflow.Application.EmailReview;

namespace OnboardingWorkflow.Server.Jobs;

/// <summary>
/// Recurring job "task-digest" (daily): each user who asked for it gets one e-mail listing their
/// open tasks (<see cref="TaskDigestSweep"/>). Idempotent and safe on several servers at once: the
/// day's digest row is unique per user and day. Retry policy: none at the Hangfire level; a run
/// later the same day (or triggered from the dashboard) sends the digests still missing.
/// </summary>
public sealed class TaskDigestJob(TaskDigestSweep sweep, ILogger<TaskDigestJob> logger)
{
    public const string Id = "task-digest";

    [AutomaticRetry(Attempts = 0, LogEvents = false, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var run = await sweep.RunAsync(cancellationToken);
        logger.LogInformation("{Job}: {Day}: {Subscribers} subscriber(s), {Sent} digest(s) sent, {Empty} with nothing open, {Elsewhere} sent by another run",
            Id, run.Day, run.Subscribers, run.Sent, run.NothingOpen, run.TakenElsewhere);
        return run.Sent;
    }
}
