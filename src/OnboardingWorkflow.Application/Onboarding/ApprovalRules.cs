using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Data.Domain;
using static OnboardingWorkflow.Application.Onboarding.OnboardingProcess;
using OnboardingWorkflow.Application.Notifications;

namespace OnboardingWorkflow.Application.Onboarding;

/// <summary>
/// The one home of the approval rules of an onboarding case. The approved limit is the approval
/// task's declared field <c>approvedLimit</c> (default: the requested limit capped by the
/// recommendation). It never exceeds the request; above the recommendation it needs a reason and
/// an approver whose authority covers the higher amount. The authority matrix checks the
/// exposure the approved amount creates, not the requested one, so an amount above the
/// approver's authority is refused with <c>insufficient_authority</c>, never granted.
/// Approvals of the current round (since the latest scoring) count towards the quorum.
/// </summary>
public sealed class ApprovalRules(CaseFile cases, DocumentRules documents)
{
    public async Task PrepareAsync(Completion completion, CancellationToken cancellationToken)
    {
        var (task, application, variables, comment, user) = completion;
        var decision = variables.GetValueOrDefault(Fields.Decision) as string;
        var outcome = decision switch
        {
            Decisions.Approve => DecisionOutcome.Approve,
            Decisions.Reject => DecisionOutcome.Reject,
            Decisions.RequestInfo => DecisionOutcome.RequestInfo,
            _ => throw AppException.InvalidField(Fields.Decision, FieldText.Format(FieldText.Keys.OneOf, FieldText.List([Decisions.Approve, Decisions.Reject, Decisions.RequestInfo]))),
        };

        var score = await LatestScoreAsync(application, cancellationToken);
        var roundApprovals = await RoundApprovalsAsync(application, score, cancellationToken);
        var approvedLimit = outcome == DecisionOutcome.Approve ? ApprovedLimit(variables, application, score) : (decimal?)null;
        var exposure = score.ExposureAfterRequest - application.RequestedLimit + (approvedLimit ?? application.RequestedLimit);
        var approvalCase = new ApprovalCase
        {
            MakerId = application.Maker,
            ExposureAfterRequest = exposure,
            Tier = Enum.Parse<RiskTier>(score.Tier),
            ApproverIds = roundApprovals.Select(a => a.DecidedBy).ToList(),
        };
        var matrix = Cases.AuthorityDecision.EnsureMayDecide(approvalCase, user, outcome);

        if (outcome == DecisionOutcome.Approve)
        {
            await documents.EnsureValidAtDecisionAsync(application, cancellationToken);
            variables[Fields.ApprovedLimit] = approvedLimit;
        }

        var requirement = matrix.Requirement(approvalCase);
        cases.Archive(application, task.ElementId, user.Name, outcome, comment ?? variables.GetValueOrDefault(Fields.LimitReason) as string,
            new
            {
                task = task.Name,
                requirement = requirement.Explanation,
                rule = requirement.RuleId,
                score = score.Score,
                score.Grade,
                score.Tier,
                score.RecommendedLimit,
                requestedLimit = application.RequestedLimit,
                approvedLimit,
                limitReason = variables.GetValueOrDefault(Fields.LimitReason) as string,
                exposureAfterDecision = exposure,
            },
            score.PolicyVersion, task.Id);
        var customer = await cases.CustomerAsync(application.CustomerId, cancellationToken);
        await cases.NotifyMakerAsync(application, Mails.Decision,
            [customer.Name, new MailPhrase("Decision." + decision), user.Name, task.Name, comment is null ? "" : new MailPhrase("Decision.Comment", comment)],
            cancellationToken);
    }

    /// <summary>
    /// The amount the approval grants: the approver's field, else the request capped by the
    /// recommendation; refused when above the request, or above the recommendation without a reason.
    /// </summary>
    private static decimal ApprovedLimit(Dictionary<string, object?> variables, OnboardingApplication application, CreditScoreRecord score)
    {
        var defaultLimit = Math.Min(application.RequestedLimit, score.RecommendedLimit);
        var limit = Amounts.Field(variables, Fields.ApprovedLimit) ?? defaultLimit;
        if (limit < 0)
        {
            throw AppException.InvalidField(Fields.ApprovedLimit, FieldText.Format(FieldText.Keys.NotNegative));
        }

        if (limit > application.RequestedLimit)
        {
            throw AppException.InvalidField(Fields.ApprovedLimit, FieldText.Format(FieldText.Keys.AtMostRequested, application.RequestedLimit));
        }

        if (limit > score.RecommendedLimit && variables.GetValueOrDefault(Fields.LimitReason) is not string { Length: > 0 })
        {
            throw new AppException(AppErrorKind.Invalid, ErrorCodes.AboveRecommendation,
                $"{limit:0.##} is above the recommended limit of {score.RecommendedLimit:0.##}: give the reason in {Fields.LimitReason}.",
                new Dictionary<string, string[]> { [Fields.LimitReason] = [$"required when {Fields.ApprovedLimit} exceeds the recommendation of {score.RecommendedLimit:0.##}"] });
        }

        return limit;
    }

    public async Task<CreditScoreRecord> LatestScoreAsync(OnboardingApplication application, CancellationToken cancellationToken)
    {
        var scores = await cases.Db.Set<CreditScoreRecord>().Where(s => s.ApplicationId == application.Id).ToListAsync(cancellationToken);
        return scores.OrderByDescending(s => s.ScoredAt).FirstOrDefault()
            ?? throw AppException.Conflict(ErrorCodes.InvalidState, "The application has not been scored.");
    }

    /// <summary>Approvals given since the latest scoring: earlier rounds ended in request-info and a new scoring.</summary>
    public async Task<List<CreditDecision>> RoundApprovalsAsync(OnboardingApplication application, CreditScoreRecord score, CancellationToken cancellationToken)
    {
        var approvals = await cases.DecisionsAsync(d => d.ApplicationId == application.Id && d.Outcome == DecisionOutcome.Approve, cancellationToken);
        return approvals.Where(a => a.DecidedAt >= score.ScoredAt).ToList();
    }

    /// <summary>The limit the round approved: the lowest amount among its approvals (a committee grants what all its approvers accepted).</summary>
    public async Task<decimal?> RoundApprovedLimitAsync(OnboardingApplication application, CancellationToken cancellationToken) =>
        Amounts.LowestApproved(await RoundApprovalsAsync(application, await LatestScoreAsync(application, cancellationToken), cancellationToken), Fields.ApprovedLimit);
}
