namespace OnboardingWorkflow.Data.Domain;

/// <summary>What a limit change asks for.</summary>
public enum LimitChangeKind
{
    Increase,
    Decrease,
    TemporaryIncrease,
    Suspension,
    Reinstatement,
}

/// <summary>Where a limit change stands.</summary>
public enum LimitChangeStatus
{
    InProgress,
    Approved,
    Rejected,
}

/// <summary>
/// A case that changes an active customer's credit limit: increase, decrease, temporary increase
/// until a date, suspension or reinstatement. It guards its own transitions: only a case in
/// progress is decided, once.
/// </summary>
public sealed class LimitChangeRequest
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public LimitChangeKind Kind { get; set; }
    public LimitChangeStatus Status { get; set; }

    /// <summary>The limit in force when the change was requested.</summary>
    public decimal CurrentLimit { get; set; }

    /// <summary>The new total limit asked for (increase, decrease, temporary increase).</summary>
    public decimal? RequestedLimit { get; set; }

    /// <summary>Last day of a temporary increase.</summary>
    public DateOnly? TemporaryUntil { get; set; }

    public required string Reason { get; set; }

    /// <summary>The maker: a salesperson or credit manager; never an approver of this case.</summary>
    public required string RequestedBy { get; set; }

    /// <summary>Fresh financial statements brought with the request, in the credit library's format.</summary>
    public string? StatementsJson { get; set; }

    public Guid? InstanceId { get; set; }
    public decimal? RecommendedLimit { get; set; }
    public decimal? ApprovedLimit { get; set; }
    public string? Outcome { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    public void Approve(decimal? approvedLimit, string outcome, DateTimeOffset at)
    {
        EnsureOpen();
        Status = LimitChangeStatus.Approved;
        ApprovedLimit = approvedLimit;
        Outcome = outcome;
        DecidedAt = UpdatedAt = at;
    }

    public void Reject(string outcome, DateTimeOffset at)
    {
        EnsureOpen();
        Status = LimitChangeStatus.Rejected;
        Outcome = outcome;
        DecidedAt = UpdatedAt = at;
    }

    private void EnsureOpen()
    {
        if (Status != LimitChangeStatus.InProgress)
        {
            throw new InvalidOperationException($"Limit change {Id} was decided already ({Status}).");
        }
    }
}
