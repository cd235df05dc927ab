using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Reviews.Handlers;

/// <summary>
/// reviewRejected: the approvers refused the proposal, so the limit and terms stay as they are;
/// the new score, grade and tier are still the customer's standing, and the next review is set by
/// the new tier. The archive keeps the rejection with the approver's reason.
/// </summary>
public sealed class ReviewRejectedHandler(CaseFile cases, ReviewCases reviews) : IOnboardingTaskHandler
{
    public string Name => "reviewRejected";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var review = await reviews.OfBusinessKeyAsync(context.BusinessKey, cancellationToken);
        var profile = await cases.Db.Set<CreditProfile>().FirstAsync(p => p.CustomerId == review.CustomerId, cancellationToken);
        var rejection = (await cases.DecisionsAsync(d => d.ReviewCaseId == review.Id && d.Outcome == DecisionOutcome.Reject, cancellationToken))
            .OrderByDescending(d => d.DecidedAt).Select(d => $"{d.DecidedBy}: {d.Comment ?? "no comment"}").FirstOrDefault() ?? "rejected";
        var nextReview = ReviewOutcome.Apply(cases, review, profile);
        var outcome = $"proposal rejected ({rejection}); limit {profile.CreditLimit:N2} and terms {profile.TermsDays} days kept, grade {review.Grade}, next review {nextReview:yyyy-MM-dd}";
        review.Decide(ReviewCaseStatus.Rejected, null, null, nextReview, outcome.Length > 500 ? outcome[..500] : outcome, cases.Now);
    }
}
