using System.Text.Json;
using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Stores;
using Decisions = OnboardingWorkflow.Application.Onboarding.OnboardingProcess.Decisions;
using Fields = OnboardingWorkflow.Application.Onboarding.OnboardingProcess.Fields;

namespace OnboardingWorkflow.Application.Reviews;

/// <summary>
/// The rules of a review's tasks on top of their contracts. Statements "submitted" must have been
/// sent. An approval decides the proposal of the re-scoring: the approved limit defaults to the
/// proposal and may go up to the current limit, above the proposal only with a reason; the terms
/// default to the proposal. The authority matrix checks the approver on the approved limit in the
/// tier and exception the review was routed with; the account owner (the maker) never approves
/// and nobody approves twice (the engine refuses both first).
/// </summary>
public sealed class ReviewRules(CaseFile cases, ReviewCases reviews)
{
    /// <summary>The key under which the assessment's archive entry records whether it was routed as an exception.</summary>
    public const string ExceptionKey = "exception";

    public async Task PrepareAsync(TaskRecord task, Dictionary<string, object?> variables, string? comment, CurrentUser user, CancellationToken cancellationToken)
    {
        var review = await reviews.OfBusinessKeyAsync(task.BusinessKey, cancellationToken);
        if (task.ElementId == ReviewProcess.Tasks.CollectStatements)
        {
            if (variables.GetValueOrDefault(ReviewProcess.Fields.Statements) as string == ReviewProcess.Fields.Submitted && review.StatementsJson is null)
            {
                throw AppException.Conflict(ErrorCodes.StatementsMissing,
                    $"No statements were sent for this review: send them (POST /api/customers/{review.CustomerId}/reviews/statements) or complete with \"{ReviewProcess.Fields.Unavailable}\".");
            }

            cases.Audit(user.Name, "task.completed", "Task", task.Id, review.CustomerId, comment);
            return;
        }

        if (!ReviewProcess.Tasks.Approvals.Contains(task.ElementId))
        {
            cases.Audit(user.Name, "task.completed", "Task", task.Id, review.CustomerId, comment);
            return;
        }

        var outcome = (variables.GetValueOrDefault(Fields.Decision) as string) switch
        {
            Decisions.Approve => DecisionOutcome.Approve,
            Decisions.Reject => DecisionOutcome.Reject,
            _ => throw AppException.InvalidField(Fields.Decision, $"must be one of {Decisions.Approve}, {Decisions.Reject}"),
        };
        var proposed = review.ProposedLimit ?? throw new InvalidOperationException($"Review {review.Id} reached its approval without a proposal.");
        decimal? approved = null;
        int? terms = null;
        if (outcome == DecisionOutcome.Approve)
        {
            approved = ApprovedLimit(review, proposed, variables);
            terms = variables.GetValueOrDefault(ReviewProcess.Fields.ApprovedTermsDays) is { } sent
                ? Convert.ToInt32(sent, System.Globalization.CultureInfo.InvariantCulture)
                : review.ProposedTermsDays;
            variables[Fields.ApprovedLimit] = approved;
            variables[ReviewProcess.Fields.ApprovedTermsDays] = terms;
        }

        var approvalCase = new ApprovalCase
        {
            MakerId = review.Owner,
            ExposureAfterRequest = approved ?? proposed,
            Tier = Enum.Parse<RiskTier>(review.Tier ?? review.PreviousTier),
            IsException = await RoutedAsExceptionAsync(review, cancellationToken),
            ApproverIds = outcome == DecisionOutcome.Approve ? (await reviews.ApprovalsAsync(review, cancellationToken)).Select(d => d.DecidedBy).ToList() : [],
        };
        var matrix = Cases.AuthorityDecision.EnsureMayDecide(approvalCase, user, outcome);

        cases.Archive(review, task.ElementId, user.Name, outcome, comment ?? variables.GetValueOrDefault(Fields.LimitReason) as string,
            new
            {
                task = task.Name,
                requirement = matrix.Requirement(approvalCase).Explanation,
                previousLimit = review.PreviousLimit,
                proposedLimit = proposed,
                approvedLimit = approved,
                proposedTermsDays = review.ProposedTermsDays,
                approvedTermsDays = terms,
                limitReason = variables.GetValueOrDefault(Fields.LimitReason) as string,
            },
            taskId: task.Id);
    }

    private static decimal ApprovedLimit(ReviewCase review, decimal proposed, Dictionary<string, object?> variables)
    {
        var limit = Cases.Amounts.Field(variables, Fields.ApprovedLimit) ?? proposed;
        var ceiling = Math.Max(review.PreviousLimit, proposed);
        if (limit < 0 || limit > ceiling)
        {
            throw AppException.InvalidField(Fields.ApprovedLimit, $"must be between 0 and {ceiling:0.##}; a higher limit is a limit change");
        }

        if (limit > proposed && variables.GetValueOrDefault(Fields.LimitReason) is not string { Length: > 0 })
        {
            throw new AppException(AppErrorKind.Invalid, ErrorCodes.AboveRecommendation,
                $"{limit:0.##} is above the proposed limit of {proposed:0.##}: give the reason in {Fields.LimitReason}.",
                new Dictionary<string, string[]> { [Fields.LimitReason] = [$"required when {Fields.ApprovedLimit} exceeds the proposal of {proposed:0.##}"] });
        }

        return limit;
    }

    /// <summary>Whether the re-scoring routed the review as an exception (a knock-out), from its archive entry.</summary>
    private async Task<bool> RoutedAsExceptionAsync(ReviewCase review, CancellationToken cancellationToken)
    {
        var assessment = (await cases.DecisionsAsync(d => d.ReviewCaseId == review.Id && d.Outcome == DecisionOutcome.Scored, cancellationToken))
            .MaxBy(d => d.DecidedAt);
        return assessment?.DataJson is { } json
            && JsonDocument.Parse(json).RootElement.TryGetProperty(ExceptionKey, out var flag)
            && flag.ValueKind == JsonValueKind.True;
    }
}
