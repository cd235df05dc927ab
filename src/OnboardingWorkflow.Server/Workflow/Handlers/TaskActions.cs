using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Workflow.Handlers;

/// <summary>Why a task action was refused; the API turns it into a problem with <see cref="Code"/>.</summary>
public sealed class TaskActionException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}

/// <summary>A decision on a task: approve, reject or request-info, with a comment and form variables.</summary>
public sealed record TaskDecision(string? Decision, string? Comment, IDictionary<string, object?>? Variables);

/// <summary>
/// Claims and completes onboarding tasks for a user. This is the one path every client (API,
/// e-mail, dashboard) goes through, so the rules hold everywhere: only the task's assignee,
/// claimant or candidate may act; approval tasks need a decision; the maker never decides their
/// own case, nobody approves twice, and approvers must hold the authority the matrix asks for
/// (the engine checks the four-eyes rule again when it completes the task).
/// </summary>
public sealed class TaskActions(WorkflowEngine engine, CaseFile cases)
{
    public static readonly IReadOnlySet<string> ApprovalElements = new HashSet<string>(StringComparer.Ordinal) { "approveAnalyst", "approveManager", "approveCommittee" };
    public static readonly IReadOnlyList<string> Decisions = ["approve", "reject", "request-info"];

    public async Task<TaskRecord> FindOpenAsync(string taskId, CancellationToken cancellationToken)
    {
        var task = await engine.Options.Instances.FindTaskAsync(taskId, cancellationToken) ?? throw new TaskNotFoundException(taskId);
        if (task.Status != UserTaskStatus.Open)
        {
            throw new TaskAlreadyEndedException(taskId, task.Status);
        }

        return task;
    }

    /// <summary>Whether the user may work on the task at all: assignee, candidate user or member of a candidate group.</summary>
    public static bool IsCandidate(TaskRecord task, CurrentUser user) =>
        task.Assignee is { } assignee
            ? string.Equals(assignee, user.Name, StringComparison.OrdinalIgnoreCase)
            : task.CandidateUsers.Contains(user.Name, StringComparer.OrdinalIgnoreCase) || task.CandidateGroups.Any(user.IsInRole);

    public async Task<TaskClaim> ClaimAsync(string taskId, CurrentUser user, CancellationToken cancellationToken)
    {
        var task = await FindOpenAsync(taskId, cancellationToken);
        if (!IsCandidate(task, user))
        {
            throw new TaskActionException(StatusCodes.Status403Forbidden, Errors.ErrorCodes.Forbidden, $"{user.Name} is not a candidate for task {taskId}.");
        }

        var existing = await cases.Db.Set<TaskClaim>().FindAsync([taskId], cancellationToken);
        if (existing is not null)
        {
            return string.Equals(existing.UserName, user.Name, StringComparison.OrdinalIgnoreCase)
                ? existing
                : throw new TaskActionException(StatusCodes.Status409Conflict, Errors.ErrorCodes.TaskClaimed, $"Task {taskId} is claimed by {existing.UserName}.");
        }

        var claim = new TaskClaim { TaskId = taskId, UserName = user.Name, ClaimedAt = cases.Now };
        cases.Db.Set<TaskClaim>().Add(claim);
        cases.Audit(user.Name, "task.claimed", "Task", taskId);
        try
        {
            await cases.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone claimed it between our read and our write: the unique key decided.
            throw new TaskActionException(StatusCodes.Status409Conflict, Errors.ErrorCodes.TaskClaimed, $"Task {taskId} was claimed by someone else.");
        }

        return claim;
    }

    public async Task<ProcessInstance> CompleteAsync(string taskId, TaskDecision request, CurrentUser user, CancellationToken cancellationToken)
    {
        var task = await FindOpenAsync(taskId, cancellationToken);
        if (!IsCandidate(task, user))
        {
            throw new TaskActionException(StatusCodes.Status403Forbidden, Errors.ErrorCodes.Forbidden, $"{user.Name} may not complete task {taskId}: not its assignee and not in its candidate groups.");
        }

        var claim = await cases.Db.Set<TaskClaim>().AsNoTracking().FirstOrDefaultAsync(c => c.TaskId == taskId, cancellationToken);
        if (claim is not null && !string.Equals(claim.UserName, user.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new TaskActionException(StatusCodes.Status409Conflict, Errors.ErrorCodes.TaskClaimed, $"Task {taskId} is claimed by {claim.UserName}.");
        }

        var decision = request.Decision?.Trim().ToLowerInvariant();
        if (decision is not null && !Decisions.Contains(decision))
        {
            throw Invalid($"decision must be one of {string.Join(", ", Decisions)}.");
        }

        var application = await cases.ApplicationAsync(task.BusinessKey, cancellationToken);
        var variables = new Dictionary<string, object?>(request.Variables ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        if (request.Comment is not null)
        {
            variables["comment"] = request.Comment;
        }

        if (ApprovalElements.Contains(task.ElementId))
        {
            await PrepareApprovalAsync(task, application, decision, request.Comment, variables, user, cancellationToken);
        }
        else
        {
            await PrepareWorkTaskAsync(task, application, decision, request.Comment, variables, user, cancellationToken);
        }

        cases.Touch(application);
        var instance = await engine.CompleteTaskAsync(taskId, variables, user.Name, cancellationToken);
        await SyncStageAsync(application, instance, cancellationToken);
        return instance;
    }

    private async Task PrepareApprovalAsync(TaskRecord task, OnboardingApplication application, string? decision, string? comment,
        Dictionary<string, object?> variables, CurrentUser user, CancellationToken cancellationToken)
    {
        if (decision is null)
        {
            throw Invalid("An approval task needs a decision: approve, reject or request-info.");
        }

        var scores = await cases.Db.Set<CreditScoreRecord>().Where(s => s.ApplicationId == application.Id).ToListAsync(cancellationToken);
        var score = scores.OrderByDescending(s => s.ScoredAt).FirstOrDefault()
            ?? throw new TaskActionException(StatusCodes.Status409Conflict, Errors.ErrorCodes.InvalidState, "The application has not been scored.");

        // Approvals since the latest scoring count towards this round; earlier rounds ended in request-info.
        var approvals = await cases.Db.Set<CreditDecision>()
            .Where(d => d.ApplicationId == application.Id && d.Outcome == DecisionOutcome.Approve)
            .Select(d => new { d.DecidedBy, d.DecidedAt }).ToListAsync(cancellationToken);
        var approvalCase = new ApprovalCase
        {
            MakerId = application.Maker,
            ExposureAfterRequest = score.ExposureAfterRequest,
            Tier = Enum.Parse<RiskTier>(score.Tier),
            ApproverIds = approvals.Where(a => a.DecidedAt >= score.ScoredAt).Select(a => a.DecidedBy).ToList(),
        };
        var matrix = new AuthorityMatrix(Workflow.Handlers.CreditPolicySet.Current.Authority);
        var approver = new Approver(user.Name, user.Roles);
        var check = decision == "approve"
            ? matrix.Check(approvalCase, approver)
            : matrix.Check(approvalCase with { ApproverIds = [] }, approver);
        if (!check.Allowed && !(decision != "approve" && check.Refusal == ApprovalRefusal.AlreadyComplete))
        {
            throw new ApprovalRefusedException(check.Refusal!.Value, check.Explanation);
        }

        variables["decision"] = decision;
        var outcome = decision switch
        {
            "approve" => DecisionOutcome.Approve,
            "reject" => DecisionOutcome.Reject,
            _ => DecisionOutcome.RequestInfo,
        };
        cases.Archive(application, task.ElementId, user.Name, outcome, comment,
            new { task = task.Name, requirement = matrix.Requirement(approvalCase).Explanation, score = score.Score, score.Grade, score.Tier, score.RecommendedLimit, variables },
            score.PolicyVersion, task.Id);
        var customer = await cases.CustomerAsync(application.CustomerId, cancellationToken);
        cases.NotifyMaker(application, $"Decision on {customer.Name}: {decision}",
            $"{user.Name} decided '{decision}' on the application for {customer.Name} ({task.Name}).{(comment is null ? "" : $" Comment: {comment}")}",
            "onboarding.decision");
    }

    private async Task PrepareWorkTaskAsync(TaskRecord task, OnboardingApplication application, string? decision, string? comment,
        Dictionary<string, object?> variables, CurrentUser user, CancellationToken cancellationToken)
    {
        var documents = await cases.Db.Set<Document>().Where(d => d.ApplicationId == application.Id).ToListAsync(cancellationToken);
        switch (task.ElementId)
        {
            case "collectDocuments":
                var missing = DocumentChecklist.Missing(application.CustomerType, documents.Select(d => d.Type));
                if (missing.Count > 0)
                {
                    throw new TaskActionException(StatusCodes.Status409Conflict, Errors.ErrorCodes.InvalidState,
                        $"The checklist is incomplete; still missing: {string.Join(", ", missing)}.");
                }

                break;
            case "reviewDocuments":
                if (!variables.ContainsKey("documentsComplete"))
                {
                    if (decision is null)
                    {
                        throw Invalid("Review needs a decision (approve: documents complete; reject or request-info: back to the maker) or documentsComplete.");
                    }

                    variables["documentsComplete"] = decision == "approve";
                }

                var complete = variables["documentsComplete"] is true;
                if (!complete)
                {
                    variables["returnReason"] = comment ?? (variables.TryGetValue("returnReason", out var r) ? r : null) ?? "documents incomplete";
                }

                foreach (var document in documents.Where(d => d.Verification == VerificationState.Pending))
                {
                    document.Verification = complete ? VerificationState.Verified : VerificationState.Rejected;
                    document.VerifiedBy = user.Name;
                }

                cases.Archive(application, task.ElementId, user.Name, complete ? DecisionOutcome.DocumentsComplete : DecisionOutcome.DocumentsReturned,
                    comment, new { documents = documents.Select(d => new { d.Id, d.Type, d.ContentHash }) }, taskId: task.Id);
                break;
            default:
                cases.Audit(user.Name, "task.completed", "Task", task.Id, application.CustomerId, comment);
                break;
        }
    }

    /// <summary>Moves the application's stage to where the instance now waits.</summary>
    public async Task SyncStageAsync(OnboardingApplication application, ProcessInstance instance, CancellationToken cancellationToken)
    {
        var waiting = instance.Bookmarks.Select(b => b.ElementId).ToHashSet(StringComparer.Ordinal);
        var stage = instance.IsEnded ? ApplicationStage.Completed
            : waiting.Contains("collectDocuments") ? ApplicationStage.DocumentCollection
            : waiting.Contains("reviewDocuments") ? ApplicationStage.DocumentReview
            : waiting.Overlaps(["recordFindings", "siteVisit"]) ? ApplicationStage.DueDiligence
            : waiting.Overlaps(ApprovalElements) ? ApplicationStage.Approval
            : waiting.Contains("awaitSignedContract") ? ApplicationStage.Contracting
            : application.Stage;
        if (stage != application.Stage)
        {
            application.Stage = stage;
            cases.Touch(application);
        }

        await cases.Db.SaveChangesAsync(cancellationToken);
    }

    private static TaskActionException Invalid(string message) => new(StatusCodes.Status400BadRequest, Errors.ErrorCodes.InvalidRequest, message);
}
