namespace OnboardingWorkflow.Data.Domain;

/// <summary>Where a customer's remediation stands.</summary>
public enum RemediationStage
{
    /// <summary>Opened: the credit manager chooses how to remedy the debt.</summary>
    Collection,

    /// <summary>A restructuring or a write-off waits for the approvers the authority matrix names.</summary>
    Approval,

    /// <summary>A payment plan runs; the customer is suspended.</summary>
    PaymentPlan,

    /// <summary>Legal action; the customer is blocked.</summary>
    Legal,

    /// <summary>Ended: paid (plan or recovered) or written off; see <see cref="RemediationCase.Outcome"/>.</summary>
    Closed,
}

/// <summary>How a remediation case ended.</summary>
public enum RemediationOutcome
{
    PlanPaid,
    Recovered,
    WrittenOff,
}

/// <summary>What the credit manager chose for the debt.</summary>
public enum RemediationOption
{
    PaymentPlan,
    Restructuring,
    LegalAction,
    WriteOff,
}

/// <summary>
/// A customer's remediation (collection case): one row per customer (unique), naming the workflow
/// instance of the current case, as <see cref="DunningCase"/> does. A case that ends keeps its row
/// (with the outcome); the next remediation opens a new instance on the same row. The row is
/// written in the same commit as the instance's start, and its <see cref="Revision"/> makes two
/// openings at once conflict, so a customer never has two open cases.
/// </summary>
public sealed class RemediationCase
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }

    /// <summary>The workflow instance of the current (or last) case: the key of its holds, letters, instalments and decisions.</summary>
    public Guid InstanceId { get; set; }

    public RemediationStage Stage { get; set; }

    /// <summary>The debt the case works on, in minor units: the customer's open invoices issued up to the opening day.</summary>
    public long DebtMinor { get; set; }

    /// <summary>Invoices issued on or before this day are the case's debt; payments against them count for the plan.</summary>
    public DateOnly DebtAsOf { get; set; }

    public required string Currency { get; set; }

    /// <summary>The customer's status when the case opened: what a paid plan returns the customer to.</summary>
    public CustomerStatus StatusBefore { get; set; }

    public required string OpenedBy { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public string? Reason { get; set; }

    /// <summary>The option chosen last, and who proposed it (the maker of a restructuring or write-off).</summary>
    public RemediationOption? Option { get; set; }

    public string? ProposedBy { get; set; }

    /// <summary>The amount written down by an approved restructuring, or written off; minor units.</summary>
    public long WriteDownMinor { get; set; }

    /// <summary>A payment plan sent before the decision (JSON list of due date and amount in minor units), or null.</summary>
    public string? ProposedPlanJson { get; set; }

    public string? LegalReference { get; set; }
    public RemediationOutcome? Outcome { get; set; }
    public string? ClosedReason { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public int Revision { get; set; }

    public bool IsOpen => Stage != RemediationStage.Closed;

    /// <summary>What a payment plan must add up to: the debt less what a restructuring wrote down.</summary>
    public long PlanTotalMinor => DebtMinor - WriteDownMinor;

    /// <summary>The row of a customer that never had a case: closed until <see cref="Open"/>.</summary>
    public static RemediationCase For(Guid customerId, string currency) =>
        new() { Id = Guid.CreateVersion7(), CustomerId = customerId, Stage = RemediationStage.Closed, Currency = currency, OpenedBy = "" };

    public void Open(Guid instanceId, long debtMinor, DateOnly asOf, CustomerStatus statusBefore, string by, string? reason, DateTimeOffset at)
    {
        if (IsOpen)
        {
            throw new InvalidOperationException($"Customer {CustomerId} already has an open remediation case {InstanceId}.");
        }

        if (debtMinor <= 0)
        {
            throw new InvalidOperationException($"A remediation case needs a debt above zero, not {debtMinor}.");
        }

        InstanceId = instanceId;
        Stage = RemediationStage.Collection;
        DebtMinor = debtMinor;
        DebtAsOf = asOf;
        StatusBefore = statusBefore;
        OpenedBy = by;
        OpenedAt = at;
        Reason = reason;
        Option = null;
        ProposedBy = null;
        WriteDownMinor = 0;
        ProposedPlanJson = null;
        LegalReference = null;
        Outcome = null;
        ClosedReason = null;
        ClosedAt = null;
        Revision++;
    }

    /// <summary>Records the option the credit manager chose; a restructuring or write-off then waits for approval.</summary>
    public void Propose(RemediationOption option, long writeDownMinor, string by)
    {
        EnsureOpen();
        if (writeDownMinor < 0 || writeDownMinor > DebtMinor)
        {
            throw new InvalidOperationException($"A write-down of {writeDownMinor} does not fit the debt of {DebtMinor}.");
        }

        Option = option;
        ProposedBy = by;
        WriteDownMinor = option is RemediationOption.Restructuring or RemediationOption.WriteOff ? writeDownMinor : 0;
        Stage = option is RemediationOption.Restructuring or RemediationOption.WriteOff ? RemediationStage.Approval : Stage;
        Revision++;
    }

    public void MoveTo(RemediationStage stage)
    {
        EnsureOpen();
        if (stage == RemediationStage.Closed)
        {
            throw new InvalidOperationException("A case closes with an outcome: use Close.");
        }

        Stage = stage;
        Revision++;
    }

    public void Close(RemediationOutcome outcome, string reason, DateTimeOffset at)
    {
        EnsureOpen();
        Stage = RemediationStage.Closed;
        Outcome = outcome;
        ClosedReason = reason.Length > 500 ? reason[..500] : reason;
        ClosedAt = at;
        Revision++;
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"The remediation case {InstanceId} of customer {CustomerId} is closed.");
        }
    }
}
