namespace OnboardingWorkflow.Data.Domain;

/// <summary>Where an instalment of a payment plan stands.</summary>
public enum InstalmentState
{
    Due,
    Paid,

    /// <summary>Not paid by the end of its grace period: the plan defaulted.</summary>
    Missed,
}

/// <summary>
/// One instalment of a remediation case's payment plan (unique by case and number). Payments are
/// allocated to the plan in instalment order: an instalment is paid once the payments against the
/// case's debt reach the plan's running total up to it. Amounts in minor units.
/// </summary>
public sealed class RemediationInstalment
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }

    /// <summary>The workflow instance of the remediation case.</summary>
    public Guid CaseInstanceId { get; set; }

    /// <summary>1, 2, ... in due-date order.</summary>
    public int Number { get; set; }

    public DateOnly DueDate { get; set; }
    public long AmountMinor { get; set; }

    /// <summary>What the payments so far cover of this instalment.</summary>
    public long PaidMinor { get; set; }

    public InstalmentState State { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? MissedAt { get; set; }
}
