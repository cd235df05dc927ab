namespace OnboardingWorkflow.Data.Email;

/// <summary>
/// Adds outbox messages to the scoped <see cref="OnboardingDbContext"/> without saving: they are
/// written by the unit of work's own SaveChanges, or not at all if it is abandoned.
/// </summary>
public sealed class EfEmailOutbox(OnboardingDbContext db, TimeProvider clock) : IEmailOutbox
{
    public void Enqueue(EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var to = JoinAddresses(message.To, nameof(message.To));
        if (to.Length == 0)
        {
            throw new ArgumentException("An e-mail needs at least one recipient.", nameof(message));
        }

        if (string.IsNullOrWhiteSpace(message.Subject))
        {
            throw new ArgumentException("An e-mail needs a subject.", nameof(message));
        }

        if (message.Subject.Length > OutboxMessage.MaxSubjectLength)
        {
            throw new ArgumentException($"The subject is longer than {OutboxMessage.MaxSubjectLength} characters.", nameof(message));
        }

        var cc = message.Cc is null ? "" : JoinAddresses(message.Cc, nameof(message.Cc));
        var now = clock.GetUtcNow().UtcDateTime;
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            To = to,
            Cc = cc.Length == 0 ? null : cc,
            ReplyTo = string.IsNullOrWhiteSpace(message.ReplyTo) ? null : JoinAddresses([message.ReplyTo], nameof(message.ReplyTo)),
            Subject = message.Subject,
            TextBody = message.TextBody ?? "",
            HtmlBody = message.HtmlBody,
            Category = message.Category,
            CorrelationId = message.CorrelationId,
            CreatedAt = now,
            NextAttemptAt = now,
            Status = OutboxStatus.Pending,
        });
    }

    private static string JoinAddresses(IReadOnlyList<string> addresses, string field)
    {
        ArgumentNullException.ThrowIfNull(addresses, field);
        if (addresses.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"{field} contains an empty address.", field);
        }

        var joined = string.Join(", ", addresses.Select(a => a.Trim()));
        if (joined.Length > OutboxMessage.MaxAddressListLength)
        {
            throw new ArgumentException($"{field} is longer than {OutboxMessage.MaxAddressListLength} characters.", field);
        }

        return joined;
    }
}
