namespace OnboardingWorkflow.Data.Email;

/// <summary>
/// One e-mail in the outbox table. Written with the workflow step that caused it; the dispatcher
/// claims it with a lease (<see cref="LockId"/> and <see cref="LockedUntil"/>), sends it and
/// records the outcome. Times are UTC.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxAddressListLength = 2000;
    public const int MaxSubjectLength = 998;
    public const int MaxErrorLength = 2000;

    public Guid Id { get; set; }

    /// <summary>Recipients as an RFC 5322 address list ("a@x.test, \"Doe, J\" &lt;j@x.test&gt;").</summary>
    public string To { get; set; } = "";

    public string? Cc { get; set; }

    /// <summary>Where replies go when not to the sender (the reviewers' mailbox of a task e-mail).</summary>
    public string? ReplyTo { get; set; }

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string? HtmlBody { get; set; }

    /// <summary>What kind of e-mail this is (e.g. "decision", "reminder"), for reports and filtering.</summary>
    public string? Category { get; set; }

    /// <summary>What caused it, e.g. the workflow instance or application id.</summary>
    public string? CorrelationId { get; set; }

    public DateTime CreatedAt { get; set; }

    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;

    /// <summary>Send attempts made so far, successful or not.</summary>
    public int Attempts { get; set; }

    /// <summary>Not sent before this time; moved forward by the back-off after a transient failure.</summary>
    public DateTime NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>The Message-ID header the message was sent with (the same on every attempt).</summary>
    public string? SmtpMessageId { get; set; }

    /// <summary>The dispatcher run that holds the message while it sends; null when nobody does.</summary>
    public Guid? LockId { get; set; }

    /// <summary>When the holder's lease ends; after that another dispatcher may claim the message.</summary>
    public DateTime? LockedUntil { get; set; }
}
