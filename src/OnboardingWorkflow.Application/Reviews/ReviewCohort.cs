using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Reviews;

/// <summary>An active customer whose review is due by the run's day and has no case for that cycle yet.</summary>
public sealed record DueCustomer(Guid CustomerId, DateOnly DueDate);

/// <summary>
/// The due cohort, one keyset page at a time: credit profiles whose next review is on or before
/// <c>dueBy</c>, in (next review, customer id) order after the last key read, of active
/// customers, without a review case for that cycle. The profile index (NextReview, CustomerId)
/// gives each page as a range scan that starts at the key, so a page costs the same at the end of
/// a million profiles as at the start; the case check is a probe of the unique (CustomerId,
/// DueDate) index.
/// </summary>
public static class ReviewCohort
{
    public static IQueryable<DueCustomer> After(OnboardingDbContext db, DateOnly dueBy, DateOnly? lastDueDate, Guid? lastCustomerId)
    {
        var profiles = db.Set<CreditProfile>().AsNoTracking().Where(p => p.NextReview <= dueBy);
        if (lastDueDate is { } date && lastCustomerId is { } id)
        {
            // The first condition is implied by the second; it gives the index scan its lower bound.
            profiles = profiles.Where(p => p.NextReview >= date && (p.NextReview > date || p.CustomerId.CompareTo(id) > 0));
        }

        var cases = db.Set<ReviewCase>();
        return from p in profiles
               join c in db.Set<Customer>() on p.CustomerId equals c.Id
               where c.Status == CustomerStatus.Active
               where !cases.Any(r => r.CustomerId == p.CustomerId && r.DueDate == p.NextReview)
               orderby p.NextReview, p.CustomerId
               select new DueCustomer(p.CustomerId, p.NextReview);
    }

    /// <summary>The next page of at most <paramref name="take"/> due customers after the key.</summary>
    public static Task<List<DueCustomer>> NextAsync(OnboardingDbContext db, DateOnly dueBy, DateOnly? lastDueDate, Guid? lastCustomerId, int take,
        CancellationToken cancellationToken) =>
        After(db, dueBy, lastDueDate, lastCustomerId).Take(take).ToListAsync(cancellationToken);
}
