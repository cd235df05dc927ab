namespace OnboardingWorkflow.Data.Domain;

/// <summary>Who or what placed a credit hold.</summary>
public enum CreditHoldSource
{
    /// <summary>A credit manager, by hand.</summary>
    Manual,
    Dunning,
    EarlyWarning,
    Review,
    Collection,
}

/// <summary>
/// A credit hold on a customer: no new credit while any hold is in force. Several can stand at
/// once (a dunning hold and an early-warning hold), each released on its own. A hold placed by a
/// case (<see cref="CaseId"/>) is released by that case; another case cannot release it, a person
/// can (with a reason). Released holds stay as the record of what happened.
/// </summary>
public sealed class CreditHold
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public CreditHoldSource Source { get; set; }

    /// <summary>The case (dunning run, review, collection case) that placed it, if any.</summary>
    public Guid? CaseId { get; set; }

    public required string Reason { get; set; }
    public required string PlacedBy { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public string? ReleasedBy { get; set; }
    public string? ReleaseReason { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }

    public bool InForce => ReleasedAt is null;

    /// <summary>Whether the case <paramref name="caseId"/> (null: a person) may release this hold.</summary>
    public bool ReleasableBy(Guid? caseId) => caseId is null || caseId == CaseId;

    public void Release(string by, string reason, Guid? caseId, DateTimeOffset at)
    {
        if (!InForce)
        {
            throw new InvalidOperationException($"The credit hold {Id} was already released.");
        }

        if (!ReleasableBy(caseId))
        {
            throw new InvalidOperationException($"The credit hold {Id} was placed by another case; only that case or a person releases it.");
        }

        ReleasedBy = by;
        ReleaseReason = reason;
        ReleasedAt = at;
    }
}
