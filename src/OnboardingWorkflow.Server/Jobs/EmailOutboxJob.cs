using Hangfire;
using OnboardingWorkflow.Server.Email;

namespace OnboardingWorkflow.Server.Jobs;

/// <summary>
/// Recurring job "email-outbox": sends due outbox messages. Idempotent and safe on several
/// servers at once (messages are claimed one by one). Retry policy: none at the Hangfire level;
/// each message carries its own attempts and back-off, and the next run picks up what is due.
/// </summary>
public sealed class EmailOutboxJob(IServiceScopeFactory scopes)
{
    public const string Id = "email-outbox";

    [AutomaticRetry(Attempts = 0, LogEvents = false, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
        var result = await dispatcher.DispatchAsync(cancellationToken: cancellationToken);
        return result.Attempted;
    }
}
