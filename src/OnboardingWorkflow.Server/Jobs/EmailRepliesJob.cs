using Hangfire;
using OnboardingWorkflow.Application.EmailReview;

namespace OnboardingWorkflow.Server.Jobs;

/// <summary>
/// Recurring job "email-replies" (every minute): acts on the reviewers' replies in the mailbox of
/// EmailReview:Imap (<see cref="ReplySweep"/>); does nothing when no mailbox is configured.
/// Idempotent and safe on several servers at once: each message is recorded by its IMAP identity
/// before it is acted on, and only the run that recorded it acts. Retry policy: none at the
/// Hangfire level; a message left in the folder is taken by the next run.
/// </summary>
public sealed class EmailRepliesJob(ReplySweep sweep, ILogger<EmailRepliesJob> logger)
{
    public const string Id = "email-replies";

    [AutomaticRetry(Attempts = 0, LogEvents = false, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var run = await sweep.RunAsync(cancellationToken);
        if (run.Processed + run.MovedOnly > 0)
        {
            logger.LogInformation("{Job}: {Processed} repl(ies) processed, {Moved} only moved, {Skipped} left to other servers", Id, run.Processed, run.MovedOnly, run.Skipped);
        }

        return run.Processed;
    }
}
