using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.EarlyWarning;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Reviews;

/// <summary>
/// An out-of-cycle review, asked for by an early-warning alert or an expired mandatory document:
/// the customer's next review date is brought forward to today, in the caller's unit of work, so the
/// periodic-review job opens it as it opens any due review (one case per customer and cycle, its
/// statements, re-scoring and decision by authority), however many causes ask for it. The early
/// warning runs before the review job each morning, so the review opens the same day. When a review
/// is already running or already due, the cause is recorded and nothing moves. Every request is
/// audited with its cause (<see cref="Action"/>).
/// </summary>
public sealed class TriggeredReviews(CaseFile cases) : IReviewTrigger
{
    public const string Action = "review.requested";

    public async Task StartTriggeredReviewAsync(Guid customerId, string reason, Guid? alertId, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(cases.Now.UtcDateTime);
        var profiles = cases.Db.Set<CreditProfile>();
        var profile = profiles.Local.FirstOrDefault(p => p.CustomerId == customerId)
            ?? await profiles.FirstOrDefaultAsync(p => p.CustomerId == customerId, cancellationToken);
        var running = await cases.Db.Set<ReviewCase>().AnyAsync(r => r.CustomerId == customerId && r.Status == ReviewCaseStatus.Running, cancellationToken);

        string outcome;
        if (running)
        {
            outcome = "a review is running; the cause is added to it";
        }
        else if (profile is null)
        {
            outcome = "the customer has no credit profile to review";
        }
        else if (profile.NextReview <= today)
        {
            outcome = $"the review is due already ({profile.NextReview:yyyy-MM-dd})";
        }
        else
        {
            outcome = $"next review brought forward from {profile.NextReview:yyyy-MM-dd} to {today:yyyy-MM-dd}";
            profile.NextReview = today;
        }

        var cause = alertId is { } id ? $"{reason} (alert {id})" : reason;
        cases.Audit(CaseFile.System, Action, nameof(Customer), customerId.ToString(), customerId, $"{cause}: {outcome}");
    }
}
