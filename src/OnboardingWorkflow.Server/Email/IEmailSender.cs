namespace OnboardingWorkflow.Server.Email;

/// <summary>An outbox message ready to hand to the SMTP server. Addresses are RFC 5322 lists.</summary>
public sealed record OutgoingEmail(Guid Id, string To, string? Cc, string Subject, string TextBody, string? HtmlBody, string? ReplyTo = null);

/// <summary>Whether a send worked and, if not, whether trying again can help.</summary>
public enum EmailSendOutcome
{
    Sent,

    /// <summary>The server was unreachable, slow, busy or answered 4xx: try again later.</summary>
    TransientFailure,

    /// <summary>The server refused this message for good (5xx on a recipient or the content): do not retry.</summary>
    PermanentFailure,
}

/// <summary>The outcome of one send attempt.</summary>
public sealed record EmailSendResult(EmailSendOutcome Outcome, string? MessageId, string? Error)
{
    public static EmailSendResult Sent(string messageId) => new(EmailSendOutcome.Sent, messageId, null);

    public static EmailSendResult Transient(string error) => new(EmailSendOutcome.TransientFailure, null, error);

    public static EmailSendResult Permanent(string error) => new(EmailSendOutcome.PermanentFailure, null, error);
}

/// <summary>
/// Sends one e-mail. Failures are returned, classified, rather than thrown; only cancellation
/// through the token throws.
/// </summary>
public interface IEmailSender
{
    Task<EmailSendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default);
}
