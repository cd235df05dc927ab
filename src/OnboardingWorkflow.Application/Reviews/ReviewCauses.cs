using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Reviews;

/// <summary>When a review case could take in a cause: from its cycle's due date (or its start, when it opened ahead of it) until it was decided.</summary>
public sealed record ReviewWindow(Guid Id, Guid CustomerId, Guid InstanceId, DateOnly DueDate, DateTimeOffset StartedAt, DateTimeOffset? DecidedAt)
{
    /// <summary>The start of the window: a triggered review is due on the day of its cause; a cycle's review opens up to the lead time ahead.</summary>
    public DateTimeOffset From => new DateTimeOffset(DueDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) is var due && due < StartedAt ? due : StartedAt;

    public bool Covers(DateTimeOffset at) => at >= From && (DecidedAt is null || at <= DecidedAt);
}

/// <summary>What asked for a review out of its cycle: an early-warning alert or an expired mandatory document.</summary>
/// <param name="Kind">Alert or Document.</param>
/// <param name="Triggered">True when the cause opened the review; false when it joined a review already running.</param>
public sealed record ReviewCause(string Kind, DateTimeOffset At, bool Triggered, Guid? AlertId = null, string? Indicator = null, string? Level = null,
    string? DocumentType = null, DateOnly? ExpiredOn = null);

/// <summary>
/// The causes of review cases, read back from the rows that asked for them (alerts with their
/// review requested, qualification renewals with theirs): a triggered review brings the next
/// review date forward to the day of its cause, and a cause arriving while a review runs joins it
/// (<see cref="TriggeredReviews"/>), so a cause belongs to the customer's case whose window holds
/// it. A case with no cause is its cycle's.
/// </summary>
public static class ReviewCauses
{
    /// <summary>The case among a customer's <paramref name="reviews"/> that a cause raised at <paramref name="at"/> went to.</summary>
    public static ReviewWindow? CaseOf(IEnumerable<ReviewWindow> reviews, DateTimeOffset at) =>
        reviews.Where(r => r.Covers(at)).OrderBy(r => r.DueDate).FirstOrDefault();

    /// <summary>The causes of each of <paramref name="reviews"/>, oldest first; two queries for all of them.</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ReviewCause>>> OfAsync(OnboardingDbContext db, IReadOnlyList<ReviewWindow> reviews,
        CancellationToken cancellationToken)
    {
        var customers = reviews.Select(r => r.CustomerId).Distinct().ToList();
        if (customers.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<ReviewCause>>();
        }

        var alerts = await db.Set<EarlyWarningAlert>().AsNoTracking().Where(a => customers.Contains(a.CustomerId) && a.ReviewRequested)
            .Select(a => new { a.CustomerId, a.RaisedAt, a.Id, a.Indicator, a.Level }).ToListAsync(cancellationToken);
        var documents = await db.Set<QualificationRenewal>().AsNoTracking().Where(q => customers.Contains(q.CustomerId) && q.ReviewRequestedAt != null)
            .Select(q => new { q.CustomerId, At = q.ReviewRequestedAt!.Value, q.DocumentType, q.ExpiresOn }).ToListAsync(cancellationToken);
        var byCustomer = reviews.GroupBy(r => r.CustomerId).ToDictionary(g => g.Key, g => g.ToList());
        var causes = reviews.ToDictionary(r => r.Id, _ => new List<ReviewCause>());
        foreach (var a in alerts)
        {
            if (CaseOf(byCustomer[a.CustomerId], a.RaisedAt) is { } review)
            {
                causes[review.Id].Add(new ReviewCause("Alert", a.RaisedAt, a.RaisedAt <= review.StartedAt, a.Id, a.Indicator, a.Level));
            }
        }

        foreach (var d in documents)
        {
            if (CaseOf(byCustomer[d.CustomerId], d.At) is { } review)
            {
                causes[review.Id].Add(new ReviewCause("Document", d.At, d.At <= review.StartedAt, DocumentType: d.DocumentType.ToString(), ExpiredOn: d.ExpiresOn));
            }
        }

        return causes.ToDictionary(c => c.Key, c => (IReadOnlyList<ReviewCause>)c.Value.OrderBy(x => x.At).ToList());
    }
}
