namespace OnboardingWorkflow.Data.Domain;

/// <summary>The letters of a remediation case.</summary>
public enum RemediationLetterKind
{
    /// <summary>The payment plan as agreed: every instalment with its day and amount.</summary>
    PlanAgreement,

    /// <summary>An instalment falls due soon.</summary>
    InstalmentReminder,

    /// <summary>An instalment was missed: the plan ended and the debt goes to legal action.</summary>
    DefaultNotice,
}

/// <summary>
/// A letter of a remediation case, kept in the customer's credit archive beside the dunning
/// letters: what was sent, to whom, in which language. One letter of each kind per case and
/// instalment (unique; 0 for the letters about the whole plan), so a retried step never writes one
/// twice; the e-mail goes through the outbox in the same commit.
/// </summary>
public sealed class RemediationLetter
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public Guid CaseInstanceId { get; set; }
    public RemediationLetterKind Kind { get; set; }

    /// <summary>The instalment the letter is about, or 0.</summary>
    public int InstalmentNumber { get; set; }

    /// <summary>The address it was sent to; null when the customer has no contact address (the letter is kept, not sent).</summary>
    public string? Recipient { get; set; }

    public required string Language { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }

    /// <summary>The amount the letter is about (the plan's total, the instalment), in minor units.</summary>
    public long AmountMinor { get; set; }

    public required string Currency { get; set; }
    public DateTimeOffset SentAt { get; set; }
}
