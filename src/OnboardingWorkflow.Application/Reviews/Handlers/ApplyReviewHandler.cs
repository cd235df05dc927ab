using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Credit.Reviews;
using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using Fields = OnboardingWorkflow.Application.Onboarding.OnboardingProcess.Fields;

namespace OnboardingWorkflow.Application.Reviews.Handlers;

/// <summary>
/// applyReview: the approved review comes into force: the profile's score, grade and tier, the
/// approved limit (the lowest an approver accepted) and terms, and the next review date by the
/// new tier (<see cref="ReviewScheduler"/>: from today, high quarterly, medium half-yearly, low
/// yearly). The limit history and the credit archive record it with who decided.
/// </summary>
public sealed class ApplyReviewHandler(CaseFile cases, ReviewCases reviews) : IOnboardingTaskHandler
{
    public string Name => "applyReview";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var review = await reviews.OfBusinessKeyAsync(context.BusinessKey, cancellationToken);
        var profile = await cases.Db.Set<CreditProfile>().FirstAsync(p => p.CustomerId == review.CustomerId, cancellationToken);
        var approvals = await reviews.ApprovalsAsync(review, cancellationToken);
        var deciders = string.Join(", ", approvals.Select(a => a.DecidedBy).Distinct(StringComparer.OrdinalIgnoreCase));
        var limit = Cases.Amounts.LowestApproved(approvals, Fields.ApprovedLimit) ?? review.ProposedLimit!.Value;
        var terms = approvals.Select(a => Cases.Amounts.Recorded(a, "approvedTermsDays")).Where(t => t is not null).Min() is { } days
            ? (int)days
            : review.ProposedTermsDays ?? profile.TermsDays;
        var nextReview = ReviewOutcome.Apply(cases, review, profile);
        var previous = profile.CreditLimit;
        profile.CreditLimit = limit;
        profile.TermsDays = terms;
        cases.RecordLimit(review.CustomerId, review.Id, "Review", previous, limit, deciders,
            $"periodic review due {review.DueDate:yyyy-MM-dd}: grade {review.PreviousGrade} -> {review.Grade}", policyVersion: profile.PolicyVersion);
        var outcome = string.Create(CultureInfo.InvariantCulture,
            $"grade {review.PreviousGrade} -> {review.Grade}, limit {previous:N2} -> {limit:N2}, terms {review.PreviousTermsDays} -> {terms} days, next review {nextReview:yyyy-MM-dd}");
        review.Decide(ReviewCaseStatus.Completed, limit, terms, nextReview, outcome, cases.Now);
        cases.Archive(review, context.ElementId, CaseFile.System, DecisionOutcome.Reviewed, outcome,
            new { review.Grade, review.Tier, previousLimit = previous, newLimit = limit, termsDays = terms, nextReview, deciders });
    }
}

/// <summary>What every ending of a review sets: the new score, grade and tier, and the next review date by that tier.</summary>
internal static class ReviewOutcome
{
    public static DateOnly Apply(CaseFile cases, ReviewCase review, CreditProfile profile)
    {
        var tier = Enum.Parse<RiskTier>(review.Tier ?? review.PreviousTier);
        var nextReview = new ReviewScheduler(Cases.CreditPolicySet.Current.Review).NextReview(DateOnly.FromDateTime(cases.Now.UtcDateTime), tier);
        profile.Score = review.Score ?? profile.Score;
        profile.Grade = review.Grade ?? profile.Grade;
        profile.Tier = tier.ToString();
        profile.NextReview = nextReview;
        profile.UpdatedAt = cases.Now;
        return nextReview;
    }
}
