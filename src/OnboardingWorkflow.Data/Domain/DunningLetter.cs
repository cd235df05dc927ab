namespace OnboardingWorkflow.Data.Domain;

/// <summary>The letters of an overdue escalation.</summary>
public enum DunningLetterKind
{
    Reminder,
    FormalNotice,
    HoldPlaced,
    HoldReleased,
    LegalHandOver,
}

/// <summary>
/// A letter of an escalation case, kept in the customer's credit archive: what was sent, at which
/// level, to whom, in which language, for which invoices and amounts. One letter of each kind per
/// case (unique), so a retried step never writes a letter twice; the e-mail itself goes through
/// the outbox in the same commit.
/// </summary>
public sealed class DunningLetter
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }

    /// <summary>The workflow instance of the case that sent it.</summary>
    public Guid CaseInstanceId { get; set; }

    public DunningLetterKind Kind { get; set; }
    public int Level { get; set; }

    /// <summary>The address it was sent to; null when the customer has no contact address (the letter is kept, not sent).</summary>
    public string? Recipient { get; set; }

    public required string Language { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }

    /// <summary>The external ids of the invoices it is about, comma-separated.</summary>
    public required string InvoiceReferences { get; set; }

    /// <summary>The overdue amount it is about, in minor units.</summary>
    public long OverdueMinor { get; set; }

    public required string Currency { get; set; }
    public DateTimeOffset SentAt { get; set; }
}
