using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Reviews;

/// <summary>One periodic review of a customer: the cycle, where it stands, the re-scoring's proposal and what was decided.</summary>
public sealed record ReviewCaseView(Guid Id, DateOnly DueDate, string Status, Guid InstanceId, string Owner, string PreviousGrade, string PreviousTier,
    decimal PreviousLimit, int PreviousTermsDays, bool StatementsSent, DateTimeOffset? StatementsAt, double? Score, string? Grade, string? Tier,
    decimal? ProposedLimit, int? ProposedTermsDays, string? ApprovalLevel, decimal? ApprovedLimit, int? ApprovedTermsDays, DateOnly? NextReview,
    string? Outcome, DateTimeOffset StartedAt, DateTimeOffset? DecidedAt);

/// <summary>A customer's periodic reviews (newest cycle first) and the date of the next one.</summary>
public sealed record CustomerReviewsView(Guid CustomerId, DateOnly? NextReview, string? Tier, IReadOnlyList<ReviewCaseView> Reviews);

/// <summary>Reads a customer's reviews for those who may read the customer; the read is audited.</summary>
public sealed class ReviewQueries(CaseFile cases, CaseAccess access)
{
    public async Task<CustomerReviewsView> CustomerAsync(CurrentUser user, Guid customerId, string? status, CancellationToken cancellationToken)
    {
        var input = new InputRules();
        var wanted = status is null ? null : input.Choice<ReviewCaseStatus>("status", status);
        input.ThrowIfAny();
        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        var db = cases.Db;
        var profile = await db.Set<CreditProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.CustomerId == customer.Id, cancellationToken);
        var rows = db.Set<ReviewCase>().AsNoTracking().Where(r => r.CustomerId == customer.Id);
        if (wanted is { } only)
        {
            rows = rows.Where(r => r.Status == only);
        }

        var reviews = await rows.OrderByDescending(r => r.DueDate).ToListAsync(cancellationToken);
        var view = new CustomerReviewsView(customer.Id, profile?.NextReview, profile?.Tier, reviews.Select(r => new ReviewCaseView(r.Id, r.DueDate,
            r.Status.ToString(), r.InstanceId, r.Owner, r.PreviousGrade, r.PreviousTier, r.PreviousLimit, r.PreviousTermsDays, r.StatementsJson is not null,
            r.StatementsAt, r.Score, r.Grade, r.Tier, r.ProposedLimit, r.ProposedTermsDays, r.ApprovalLevel, r.ApprovedLimit, r.ApprovedTermsDays,
            r.NextReview, r.Outcome, r.StartedAt, r.DecidedAt)).ToList());
        access.AuditRead(user, "reviews", "Customer", customer.Id.ToString(), customer.Id);
        await db.SaveChangesAsync(cancellationToken);
        return view;
    }
}
