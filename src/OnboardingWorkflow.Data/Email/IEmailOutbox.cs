namespace OnboardingWorkflow.Data.Email;

/// <summary>An e-mail to send: written to the outbox in the same transaction as the step that caused it.</summary>
public sealed record EmailMessage(
    IReadOnlyList<string> To,
    string Subject,
    string TextBody,
    string? HtmlBody = null,
    string? Category = null,
    string? CorrelationId = null,
    IReadOnlyList<string>? Cc = null,
    string? ReplyTo = null);

/// <summary>
/// Queues e-mails in the outbox table of the current unit of work. Nothing is sent here: the
/// message is saved with the rest of the unit of work, and the dispatcher job sends it later.
/// </summary>
public interface IEmailOutbox
{
    void Enqueue(EmailMessage message);
}
