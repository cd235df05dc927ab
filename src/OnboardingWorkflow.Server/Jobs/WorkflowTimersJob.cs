using Hangfire;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Server.Jobs;

/// <summary>
/// Recurring job "workflow-timers": fires every workflow timer and async job that is due.
/// Idempotent and safe on several servers at once (the engine commits each firing with optimistic
/// concurrency). Retry policy: none at the Hangfire level; the next run is the retry, since the
/// due work stays in the database until it is done.
/// </summary>
public sealed class WorkflowTimersJob(IServiceScopeFactory scopes, ILogger<WorkflowTimersJob> logger)
{
    public const string Id = "workflow-timers";

    [AutomaticRetry(Attempts = 0, LogEvents = false, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();

        // Resolved here rather than injected, so the server starts and schedules the job even
        // before the engine is registered.
        var engine = scope.ServiceProvider.GetService<WorkflowEngine>();
        if (engine is null)
        {
            logger.LogWarning("{Job}: no WorkflowEngine is registered; no timers fired", Id);
            return 0;
        }

        var fired = await engine.RunDueJobsAsync(cancellationToken: cancellationToken);
        if (fired > 0)
        {
            logger.LogInformation("{Job}: fired {Count} due timer(s), job(s) and stored message(s) or signal(s)", Id, fired);
        }

        return fired;
    }
}
