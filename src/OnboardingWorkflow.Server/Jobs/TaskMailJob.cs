using Hangfire;
using OnboardingWorkflow.Application.EmailReview;

namespace OnboardingWorkflow.Server.Jobs;

/// <summary>
/// Recurring job "task-mail" (every two minutes by default): the request, reminder and escalation
/// e-mails of open tasks whose element asks for them (<see cref="TaskMailSweep"/>). Idempotent and
/// safe on several servers at once: each e-mail is saved with its notice, unique per task, user and
/// kind. Retry policy: none at the Hangfire level; the next run is the retry, since a task that
/// still lacks its e-mail is found again.
/// </summary>
public sealed class TaskMailJob(TaskMailSweep sweep, ILogger<TaskMailJob> logger)
{
    public const string Id = "task-mail";

    [AutomaticRetry(Attempts = 0, LogEvents = false, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var run = await sweep.RunAsync(cancellationToken);
        if (run.Sent + run.TakenElsewhere > 0)
        {
            logger.LogInformation("{Job}: {Tasks} task(s) read in {Pages} page(s): {Requests} request(s), {Reminders} reminder(s), {Escalations} escalation(s); {Elsewhere} sent by another run",
                Id, run.TasksRead, run.Pages, run.Requests, run.Reminders, run.Escalations, run.TakenElsewhere);
        }

        return run.Sent;
    }
}
