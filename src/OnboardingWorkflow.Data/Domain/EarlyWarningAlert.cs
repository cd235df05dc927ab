namespace OnboardingWorkflow.Data.Domain;

/// <summary>Whether a credit manager has seen to an alert.</summary>
public enum AlertStatus
{
    Open,
    Acknowledged,
}

/// <summary>
/// One early-warning alert with its evidence: the indicator, the value it reached, the threshold
/// of the level reached, the period and the figures the value was computed from (JSON), and what
/// the policy set off (notify, review, hold). One per customer, indicator and day (unique), so a
/// second run of the same day adds nothing. The evidence never changes; acknowledging adds who,
/// when and why.
/// </summary>
public sealed class EarlyWarningAlert
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }

    /// <summary>The credit library's indicator name (e.g. OverdueRatio).</summary>
    public required string Indicator { get; set; }

    /// <summary>Warning or Alert.</summary>
    public required string Level { get; set; }

    /// <summary>What the policy set off: Notify, Review or Hold.</summary>
    public required string Action { get; set; }

    public double Value { get; set; }
    public double Threshold { get; set; }

    /// <summary>HigherIsWorse or LowerIsWorse: how the value compares with the threshold.</summary>
    public required string Direction { get; set; }

    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public required string Explanation { get; set; }

    /// <summary>The figures used (amounts, counts, dates), as JSON.</summary>
    public required string EvidenceJson { get; set; }

    public required string PolicyVersion { get; set; }
    public DateOnly RaisedOn { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public Guid RunId { get; set; }
    public bool ReviewRequested { get; set; }
    public Guid? HoldId { get; set; }
    public AlertStatus Status { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgeComment { get; set; }
    public int Revision { get; set; }

    public void Acknowledge(string by, DateTimeOffset at, string comment)
    {
        if (Status == AlertStatus.Acknowledged)
        {
            throw new InvalidOperationException($"The alert {Id} was acknowledged by {AcknowledgedBy} at {AcknowledgedAt:u}.");
        }

        Status = AlertStatus.Acknowledged;
        AcknowledgedBy = by;
        AcknowledgedAt = at;
        AcknowledgeComment = comment;
        Revision++;
    }
}
