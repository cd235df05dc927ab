namespace OnboardingWorkflow.Data.Domain;

/// <summary>Whether a customer's overdue escalation is under way.</summary>
public enum DunningCaseStatus
{
    Running,
    Closed,
}

/// <summary>
/// A customer's overdue escalation: one row per customer (unique), naming the workflow instance of
/// the current case. A case that ends keeps its row; the next overdue opens a new instance on the
/// same row. The row is written in the same commit as the instance's start or message, and its
/// <see cref="Revision"/> makes two jobs that act on the same customer at once conflict, so a
/// customer never has two cases.
/// </summary>
public sealed class DunningCase
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }

    /// <summary>The workflow instance of the current (or last) case; the key of its holds and letters.</summary>
    public Guid InstanceId { get; set; }

    public DunningCaseStatus Status { get; set; }

    /// <summary>The dunning level the case has acted on.</summary>
    public int Level { get; set; }

    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedReason { get; set; }

    /// <summary>A promise to pay in force: escalation waits until the end of this day.</summary>
    public DateOnly? PromisedUntil { get; set; }

    public string? PromisedBy { get; set; }
    public DateTimeOffset? PromisedAt { get; set; }
    public int Revision { get; set; }

    /// <summary>The row of a customer that never had a case: closed until <see cref="Open"/>.</summary>
    public static DunningCase For(Guid customerId) => new() { Id = Guid.CreateVersion7(), CustomerId = customerId, Status = DunningCaseStatus.Closed };

    public bool IsPaused(DateOnly today) => Status == DunningCaseStatus.Running && PromisedUntil is { } until && until >= today;

    /// <summary>Opens a new case on this row, at <paramref name="level"/>.</summary>
    public void Open(Guid instanceId, int level, DateTimeOffset at)
    {
        if (Status == DunningCaseStatus.Running)
        {
            throw new InvalidOperationException($"Customer {CustomerId} already has a running escalation case {InstanceId}.");
        }

        InstanceId = instanceId;
        Status = DunningCaseStatus.Running;
        Level = level;
        OpenedAt = at;
        ClosedAt = null;
        ClosedReason = null;
        PromisedUntil = null;
        PromisedBy = null;
        PromisedAt = null;
        Revision++;
    }

    public void Raise(int level)
    {
        if (Status != DunningCaseStatus.Running || level <= Level)
        {
            throw new InvalidOperationException($"Escalation case {InstanceId} at level {Level} cannot move to level {level}.");
        }

        Level = level;
        Revision++;
    }

    public void Promise(DateOnly until, string by, DateTimeOffset at)
    {
        PromisedUntil = until;
        PromisedBy = by;
        PromisedAt = at;
        Revision++;
    }

    public void EndPromise()
    {
        PromisedUntil = null;
        Revision++;
    }

    public void Close(string reason, DateTimeOffset at)
    {
        Status = DunningCaseStatus.Closed;
        ClosedAt = at;
        ClosedReason = reason;
        PromisedUntil = null;
        Revision++;
    }
}
