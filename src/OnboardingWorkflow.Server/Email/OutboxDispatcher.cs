using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Email;

namespace OnboardingWorkflow.Server.Email;

/// <summary>What one dispatcher run did.</summary>
public sealed record OutboxDispatchResult(int Sent, int Retrying, int Failed, int Skipped)
{
    public int Attempted => Sent + Retrying + Failed;
}

/// <summary>
/// Sends due outbox messages. Each message is claimed before it is sent by a conditional update
/// (Pending, due, and not held by a live claim), so dispatchers on several servers never send the
/// same message twice while a claim lasts; the outcome is recorded only by the claim's holder.
/// A process that dies mid-send leaves its claim to expire, and the message is tried again
/// (delivery is at least once; the Message-ID stays the same so receivers can tell).
/// Retry policy: transient failures wait <see cref="OutboxRetryPolicy"/>'s back-off and fail after
/// <see cref="SmtpOptions.MaxAttempts"/>; permanent failures fail at once.
/// </summary>
public sealed class OutboxDispatcher(
    OnboardingDbContext db,
    IEmailSender sender,
    IOptions<SmtpOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    private readonly SmtpOptions smtp = options.Value;

    public async Task<OutboxDispatchResult> DispatchAsync(int? batchSize = null, CancellationToken cancellationToken = default)
    {
        var size = batchSize ?? smtp.BatchSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(batchSize));

        var now = Now();
        var due = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(size)
            .ToListAsync(cancellationToken);

        int sent = 0, retrying = 0, failed = 0, skipped = 0;
        foreach (var id in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lockId = Guid.NewGuid();
            if (!await ClaimAsync(id, lockId, cancellationToken))
            {
                // Another dispatcher got there first, or it was sent meanwhile.
                skipped++;
                continue;
            }

            var message = await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
            EmailSendResult result;
            try
            {
                result = await sender.SendAsync(
                    new OutgoingEmail(message.Id, message.To, message.Cc, message.Subject, message.TextBody, message.HtmlBody, message.ReplyTo),
                    cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await ReleaseAsync(id, lockId);
                throw;
            }

            switch (await RecordAsync(message, lockId, result))
            {
                case OutboxStatus.Sent: sent++; break;
                case OutboxStatus.Pending: retrying++; break;
                default: failed++; break;
            }
        }

        if (sent + retrying + failed > 0)
        {
            logger.LogInformation("Outbox dispatch: {Sent} sent, {Retrying} to retry, {Failed} failed, {Skipped} taken by others", sent, retrying, failed, skipped);
        }

        return new OutboxDispatchResult(sent, retrying, failed, skipped);
    }

    private async Task<bool> ClaimAsync(Guid id, Guid lockId, CancellationToken cancellationToken)
    {
        var now = Now();
        var until = now + smtp.ClaimDuration;
        var claimed = await db.Set<OutboxMessage>()
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockId, lockId).SetProperty(m => m.LockedUntil, until), cancellationToken);
        return claimed == 1;
    }

    private async Task<OutboxStatus> RecordAsync(OutboxMessage message, Guid lockId, EmailSendResult result)
    {
        var now = Now();
        var attempts = message.Attempts + 1;
        var status = result.Outcome switch
        {
            EmailSendOutcome.Sent => OutboxStatus.Sent,
            EmailSendOutcome.TransientFailure when OutboxRetryPolicy.MayRetry(attempts, smtp.MaxAttempts) => OutboxStatus.Pending,
            _ => OutboxStatus.Failed,
        };
        var nextAttemptAt = status == OutboxStatus.Pending
            ? now + OutboxRetryPolicy.DelayAfter(attempts, smtp.RetryBaseDelay, smtp.RetryMaxDelay)
            : message.NextAttemptAt;
        var error = result.Error is null ? null : Truncate(result.Error);
        DateTime? sentAt = status == OutboxStatus.Sent ? now : null;

        // The outcome must be recorded even if the run is being cancelled: the mail may be out.
        var recorded = await db.Set<OutboxMessage>()
            .Where(m => m.Id == message.Id && m.LockId == lockId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, nextAttemptAt)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.SmtpMessageId, result.MessageId ?? message.SmtpMessageId)
                .SetProperty(m => m.LockId, (Guid?)null)
                .SetProperty(m => m.LockedUntil, (DateTime?)null),
                CancellationToken.None);

        if (recorded == 0)
        {
            logger.LogWarning("Outbox message {OutboxId}: the claim expired before its outcome ({Outcome}) was recorded; another dispatcher may have taken it over", message.Id, result.Outcome);
        }
        else if (status == OutboxStatus.Failed)
        {
            logger.LogError("Outbox message {OutboxId} failed after {Attempts} attempt(s): {Error}", message.Id, attempts, error);
        }
        else if (status == OutboxStatus.Pending)
        {
            logger.LogWarning("Outbox message {OutboxId} attempt {Attempts} failed, next at {NextAttemptAt:o}: {Error}", message.Id, attempts, nextAttemptAt, error);
        }

        return status;
    }

    private async Task ReleaseAsync(Guid id, Guid lockId)
    {
        await db.Set<OutboxMessage>()
            .Where(m => m.Id == id && m.LockId == lockId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockId, (Guid?)null).SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static string Truncate(string error) =>
        error.Length <= OutboxMessage.MaxErrorLength ? error : error[..OutboxMessage.MaxErrorLength];
}
