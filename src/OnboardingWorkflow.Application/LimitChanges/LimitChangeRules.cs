using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Stores;
using Fields = OnboardingWorkflow.Application.Onboarding.OnboardingProcess.Fields;
using Decisions = OnboardingWorkflow.Application.Onboarding.OnboardingProcess.Decisions;

namespace OnboardingWorkflow.Application.LimitChanges;

/// <summary>
/// The approval rules of a limit change, the same as an application's: the approved limit is the
/// task's field (default: the request capped by the recommendation), never above the request,
/// above the recommendation only with a reason, and the authority matrix checks the new total
/// the approval creates, in the risk tier the change was assessed (and so routed) with.
/// Suspensions and reinstatements need at least a credit manager. The requester never approves;
/// nobody approves twice in a round.
/// </summary>
public sealed class LimitChangeRules(CaseFile cases)
{
    /// <summary>The key under which the assessment's archive entry records the risk tier it routed the change with.</summary>
    public const string AssessedTierKey = "tier";

    public async Task<LimitChangeRequest> ChangeAsync(string? businessKey, CancellationToken cancellationToken) =>
        Guid.TryParse(businessKey, out var id) && await cases.Db.Set<LimitChangeRequest>().FindAsync([id], cancellationToken) is { } change
            ? change
            : throw new InvalidOperationException($"The business key '{businessKey}' is not a limit change.");

    public async Task PrepareAsync(TaskRecord task, Dictionary<string, object?> variables, string? comment, CurrentUser user, CancellationToken cancellationToken)
    {
        var change = await ChangeAsync(task.BusinessKey, cancellationToken);
        var decision = variables.GetValueOrDefault(Fields.Decision) as string;
        var outcome = decision switch
        {
            Decisions.Approve => DecisionOutcome.Approve,
            Decisions.Reject => DecisionOutcome.Reject,
            _ => throw AppException.InvalidField(Fields.Decision, FieldText.Format(FieldText.Keys.OneOf, FieldText.List([Decisions.Approve, Decisions.Reject]))),
        };

        var profile = await cases.Db.Set<CreditProfile>().FirstAsync(p => p.CustomerId == change.CustomerId, cancellationToken);
        decimal? approved = outcome == DecisionOutcome.Approve ? ApprovedLimit(change, variables) : null;
        var newTotal = approved ?? change.RequestedLimit ?? change.CurrentLimit;
        var approvalCase = new ApprovalCase
        {
            MakerId = change.RequestedBy,
            ExposureAfterRequest = newTotal,
            Tier = await AssessedTierAsync(change, profile, cancellationToken),
            ApproverIds = (await RoundApprovalsAsync(change, cancellationToken)).Select(d => d.DecidedBy).ToList(),
        };
        var matrix = Cases.AuthorityDecision.EnsureMayDecide(approvalCase, user, outcome);

        if (change.Kind is LimitChangeKind.Suspension or LimitChangeKind.Reinstatement && !user.IsInRole(Data.Identity.Roles.CreditManager) && !user.IsInRole(Data.Identity.Roles.RiskCommittee))
        {
            throw new ApprovalRefusedException(ApprovalRefusal.MissingRole, "a suspension or reinstatement is decided by a credit manager or the risk committee");
        }

        if (approved is not null)
        {
            variables[Fields.ApprovedLimit] = approved;
        }

        cases.Archive(change, task.ElementId, user.Name, outcome, comment ?? variables.GetValueOrDefault(Fields.LimitReason) as string,
            new
            {
                task = task.Name,
                kind = change.Kind.ToString(),
                requirement = matrix.Requirement(approvalCase).Explanation,
                currentLimit = change.CurrentLimit,
                requestedLimit = change.RequestedLimit,
                recommendedLimit = change.RecommendedLimit,
                approvedLimit = approved,
                limitReason = variables.GetValueOrDefault(Fields.LimitReason) as string,
                newTotal,
            },
            taskId: task.Id);
    }

    private static decimal? ApprovedLimit(LimitChangeRequest change, Dictionary<string, object?> variables)
    {
        var sent = Amounts.Field(variables, Fields.ApprovedLimit);
        switch (change.Kind)
        {
            case LimitChangeKind.Suspension or LimitChangeKind.Reinstatement:
                return sent is null ? null : throw AppException.InvalidField(Fields.ApprovedLimit, FieldText.Format(change.Kind == LimitChangeKind.Suspension ? FieldText.Keys.NoLimitForSuspension : FieldText.Keys.NoLimitForReinstatement));
            case LimitChangeKind.Decrease:
                var decreased = sent ?? change.RequestedLimit!.Value;
                return decreased < 0 || decreased >= change.CurrentLimit
                    ? throw AppException.InvalidField(Fields.ApprovedLimit, FieldText.Format(FieldText.Keys.BelowCurrent, change.CurrentLimit))
                    : decreased;
        }

        var requested = change.RequestedLimit!.Value;
        var recommended = change.RecommendedLimit ?? change.CurrentLimit;
        var limit = sent ?? Math.Max(change.CurrentLimit, Math.Min(requested, recommended));
        if (limit < 0 || limit > requested)
        {
            throw AppException.InvalidField(Fields.ApprovedLimit, FieldText.Format(FieldText.Keys.BetweenZeroAndRequested, requested));
        }

        if (limit > recommended && variables.GetValueOrDefault(Fields.LimitReason) is not string { Length: > 0 })
        {
            throw new AppException(AppErrorKind.Invalid, ErrorCodes.AboveRecommendation,
                $"{limit:0.##} is above the recommended limit of {recommended:0.##}: give the reason in {Fields.LimitReason}.",
                new Dictionary<string, string[]> { [Fields.LimitReason] = [$"required when {Fields.ApprovedLimit} exceeds the recommendation of {recommended:0.##}"] });
        }

        return limit;
    }

    /// <summary>
    /// The tier the change was assessed and routed with, from the assessment's archive entry. An
    /// increase is scored again and may fall in another tier than the profile's; checked on the
    /// profile's tier instead, the approver it was routed to could be refused (even a rejection)
    /// and the task never decided. Changes assessed before the entry recorded it use the profile's.
    /// </summary>
    public async Task<RiskTier> AssessedTierAsync(LimitChangeRequest change, CreditProfile profile, CancellationToken cancellationToken)
    {
        var assessment = (await cases.DecisionsAsync(d => d.LimitChangeId == change.Id && d.Outcome == DecisionOutcome.Scored, cancellationToken))
            .MaxBy(d => d.DecidedAt);
        if (assessment?.DataJson is { } json
            && JsonDocument.Parse(json).RootElement is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty(AssessedTierKey, out var recorded)
            && Enum.GetNames<RiskTier>().FirstOrDefault(n => string.Equals(n, recorded.GetString(), StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            return Enum.Parse<RiskTier>(name);
        }

        return Enum.Parse<RiskTier>(profile.Tier);
    }

    /// <summary>Approvals of the change so far, saved or being added in this unit of work.</summary>
    public Task<List<CreditDecision>> RoundApprovalsAsync(LimitChangeRequest change, CancellationToken cancellationToken) =>
        cases.DecisionsAsync(d => d.LimitChangeId == change.Id && d.Outcome == DecisionOutcome.Approve, cancellationToken);

    /// <summary>The limit the approvals granted: the lowest approved amount (a committee grants what all its approvers accepted).</summary>
    public async Task<decimal?> ApprovedLimitAsync(LimitChangeRequest change, CancellationToken cancellationToken) =>
        Amounts.LowestApproved(await RoundApprovalsAsync(change, cancellationToken), Fields.ApprovedLimit);
}
