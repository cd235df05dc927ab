using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Credit;
using OnboardingWorkflow.Credit.Assessment;
using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Credit.Limits;
using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Credit.Statements;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Reviews.Handlers;

/// <summary>
/// assessReview: scores the customer again with the credit library on the review's statements
/// (else the latest on file), to keep the current limit and terms. The proposal is the current
/// limit capped by the new recommendation (a review lowers a limit or keeps it; an increase is a
/// limit change) with the recommended terms; a knock-out proposes 0 and goes to the committee as
/// an exception. Sets approvalLevel from the authority matrix on the proposal, proposedLimit and,
/// for the committee, committee (its members other than the account owner).
/// </summary>
public sealed class AssessReviewHandler(CaseFile cases, ReviewCases reviews, UserManager<AppUser> users, IOptions<OnboardingOptions> options)
    : IOnboardingTaskHandler
{
    public string Name => "assessReview";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var review = await reviews.OfBusinessKeyAsync(context.BusinessKey, cancellationToken);
        var customer = await cases.CustomerAsync(review.CustomerId, cancellationToken);
        var profile = await cases.Db.Set<CreditProfile>().FirstAsync(p => p.CustomerId == review.CustomerId, cancellationToken);
        var statements = review.StatementsJson is { } json
            ? CreditJson.Deserialize<FinancialStatements>(json, "statements")
            : await cases.StatementsOnFileAsync(customer.Id, cancellationToken);
        var assessment = CreditAssessor.Assess(new CreditApplication
        {
            Customer = new CustomerInfo { Name = customer.Name, RegistrationNumber = customer.RegistrationNumber, FoundedOn = customer.FoundedOn, Industry = customer.Industry },
            AsOf = DateOnly.FromDateTime(context.Now.UtcDateTime),
            Statements = statements,
            Request = new LimitRequest { RequestedLimit = profile.CreditLimit, TermsDays = profile.TermsDays, OwnAnnualSales = options.Value.OwnAnnualSales },
        }, CreditPolicySet.Current);

        var score = assessment.Score;
        var knockedOut = score.Decision == ScoreDecision.Reject;
        var proposed = knockedOut ? 0m : Math.Min(profile.CreditLimit, assessment.Limit.RecommendedLimit);
        var requirement = new AuthorityMatrix(CreditPolicySet.Current.Authority).Requirement(proposed, score.Tier, isException: knockedOut);
        var level = ReviewCases.LevelOf(requirement);
        review.Assess(Math.Round(score.Score, 1), score.Grade.ToString(), score.Tier.ToString(), proposed, assessment.Limit.TermsDays, level);

        context.SetVariable(ReviewProcess.Variables.ApprovalLevel, level);
        context.SetVariable(ReviewProcess.Variables.ProposedLimit, proposed);
        if (level == "committee")
        {
            var members = await CommitteeMembers.ChooseAsync(users, [review.Owner], requirement.CommitteeSize ?? 3);
            context.SetVariable(ReviewProcess.Variables.Committee, members);
        }

        var policyVersion = string.Join("; ", assessment.PolicyVersions.Select(p => $"{p.Key}={p.Value}"));
        cases.Archive(review, context.ElementId, CaseFile.System, DecisionOutcome.Scored, requirement.Explanation, new
        {
            score = score.Score,
            grade = score.Grade.ToString(),
            tier = score.Tier.ToString(),
            previousGrade = review.PreviousGrade,
            previousTier = review.PreviousTier,
            statements = review.StatementsJson is not null ? "sent for the review" : statements is null ? "none" : "on file",
            knockOuts = score.KnockOuts.Select(k => k.Reason).ToList(),
            currentLimit = profile.CreditLimit,
            recommendedLimit = assessment.Limit.RecommendedLimit,
            proposedLimit = proposed,
            proposedTermsDays = assessment.Limit.TermsDays,
            limitSteps = assessment.Limit.Steps,
            approval = requirement,
            exception = knockedOut,
        }, policyVersion);
    }
}
