using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Dunning;
using OnboardingWorkflow.Application.LimitChanges;
using OnboardingWorkflow.Application.Reviews;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using static OnboardingWorkflow.Application.Onboarding.OnboardingProcess;
using ProcessTasks = OnboardingWorkflow.Application.Onboarding.OnboardingProcess.Tasks;

namespace OnboardingWorkflow.Application.Onboarding;

/// <summary>A completion as a person sends it: a decision, a comment and the task's form fields.</summary>
public sealed record TaskDecision(string? Decision, string? Comment, IDictionary<string, object?>? Variables);

/// <summary>
/// Claims and completes onboarding tasks for a user: the one path every client (API, dashboard,
/// e-mail link, reply) takes, so the rules hold everywhere. Only the task's assignee, claimant or
/// candidate may act. What a completion may set is the task's contract in the BPMN; the engine
/// refuses anything else and never lets a task overwrite what the process set. On top of the
/// contract this class applies the case rules: the document checklist, verified and valid
/// documents, and for approvals the limit policy and the authority matrix (<see cref="ApprovalRules"/>).
/// The engine enforces maker-checker on every four-eyes task of the shipped flow.
/// </summary>
public sealed class TaskActions(WorkflowEngine engine, CaseFile cases, CaseAccess access, ApprovalRules approvals, DocumentRules documents, LimitChangeRules limitChanges,
    PromiseToPay promises, ReviewRules reviews, Remediation.RemediationRules remediations, Remediation.RemediationOpening remediationOpening)
{
    public const int MaxCommentLength = 2000;

    /// <summary>
    /// The open task, when the user may see its case. A task of a case they may not see is "not
    /// found" whatever its state (<see cref="CaseAccess"/>): neither "not yours" nor "already
    /// completed" may tell them that the id exists.
    /// </summary>
    public async Task<TaskRecord> FindOpenAsync(string taskId, CurrentUser user, CancellationToken cancellationToken)
    {
        var task = await engine.Options.Instances.FindTaskAsync(taskId, cancellationToken) ?? throw new TaskNotFoundException(taskId);
        if (user.SeesOnlyOwnCases
            && !await access.VisibleTasks(user, cases.Db.Set<WorkflowTaskEntity>().Where(t => t.Id == task.Id)).AnyAsync(cancellationToken))
        {
            throw new TaskNotFoundException(taskId);
        }

        return task.Status == UserTaskStatus.Open ? task : throw new TaskAlreadyEndedException(taskId, task.Status);
    }

    /// <summary>Whether the user may work on the task at all: assignee, candidate user or member of a candidate group.</summary>
    public static bool IsCandidate(TaskRecord task, CurrentUser user) =>
        task.Assignee is { } assignee
            ? user.Is(assignee)
            : Identities.Contains(task.CandidateUsers, user.Name) || task.CandidateGroups.Any(user.IsInRole);

    public async Task<TaskClaim> ClaimAsync(string taskId, CurrentUser user, CancellationToken cancellationToken)
    {
        var task = await FindOpenAsync(taskId, user, cancellationToken);
        if (!IsCandidate(task, user))
        {
            throw AppException.Forbidden($"{user.Name} is not a candidate for task {taskId}.");
        }

        var existing = await cases.Db.Set<TaskClaim>().FindAsync([taskId], cancellationToken);
        if (existing is not null)
        {
            return user.Is(existing.UserName)
                ? existing
                : throw AppException.Conflict(ErrorCodes.TaskClaimed, $"Task {taskId} is claimed by {existing.UserName}.");
        }

        var claim = new TaskClaim { TaskId = taskId, UserName = user.Name, ClaimedAt = cases.Now };
        cases.Db.Set<TaskClaim>().Add(claim);
        await TaskAssignments.MirrorClaimAsync(cases, taskId, user.Name, cancellationToken);
        cases.Audit(user.Name, "task.claimed", "Task", taskId);
        try
        {
            await cases.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone claimed it between our read and our write: the unique key decided.
            throw AppException.Conflict(ErrorCodes.TaskClaimed, $"Task {taskId} was claimed by someone else.");
        }

        return claim;
    }

    public async Task<ProcessInstance> CompleteAsync(string taskId, TaskDecision request, CurrentUser user, CancellationToken cancellationToken)
    {
        var task = await FindOpenAsync(taskId, user, cancellationToken);
        if (!IsCandidate(task, user))
        {
            throw AppException.Forbidden($"{user.Name} may not complete task {taskId}: not its assignee and not in its candidate groups.");
        }

        var claim = await cases.Db.Set<TaskClaim>().AsNoTracking().FirstOrDefaultAsync(c => c.TaskId == taskId, cancellationToken);
        if (claim is not null && !user.Is(claim.UserName))
        {
            throw AppException.Conflict(ErrorCodes.TaskClaimed, $"Task {taskId} is claimed by {claim.UserName}.");
        }

        if (request.Comment is { Length: > MaxCommentLength })
        {
            throw AppException.InvalidField("comment", FieldText.Format(FieldText.Keys.CommentTooLong, MaxCommentLength));
        }

        // The decision is the contract's "decision" field; sent on its own for convenience.
        var sent = new Dictionary<string, object?>(request.Variables ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        if (request.Decision is not null)
        {
            sent[Fields.Decision] = request.Decision.Trim().ToLowerInvariant();
        }

        // The engine's checks first (maker-checker, the task's contract), so the case rules below
        // see only declared fields with their declared types; nothing has changed when they refuse.
        var variables = new Dictionary<string, object?>(await engine.CheckCompletionAsync(taskId, sent, user.Name, cancellationToken), StringComparer.Ordinal);

        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (task.ProcessKey == LimitChangeProcess.Key)
        {
            await limitChanges.PrepareAsync(task, variables, comment, user, cancellationToken);
            return await engine.CompleteTaskAsync(taskId, variables, user.Name, cancellationToken);
        }

        if (task.ProcessKey == ReviewProcess.Key)
        {
            await reviews.PrepareAsync(task, variables, comment, user, cancellationToken);
            return await engine.CompleteTaskAsync(taskId, variables, user.Name, cancellationToken);
        }

        if (task.ProcessKey == Remediation.RemediationProcess.Key)
        {
            await remediations.PrepareAsync(task, variables, comment, user, cancellationToken);
            return await engine.CompleteTaskAsync(taskId, variables, user.Name, cancellationToken);
        }

        if (task.ProcessKey == EarlyWarning.QualificationProcess.Key)
        {
            cases.Audit(user.Name, "task.completed", "Task", task.Id, Guid.TryParse(task.BusinessKey, out var renewedCustomer) ? renewedCustomer : null, comment);
            return await engine.CompleteTaskAsync(taskId, variables, user.Name, cancellationToken);
        }

        if (task.ProcessKey == EscalationProcess.Key)
        {
            await promises.CheckTaskAsync(task.BusinessKey, variables, cancellationToken);
            var customerId = Remediation.RemediationCases.CustomerOf(task.BusinessKey);
            var handOver = variables.GetValueOrDefault(EscalationProcess.Variables.Outcome) as string == EscalationProcess.Remediation;
            if (handOver)
            {
                // Refused before anything moves: a customer who cannot have a remediation case stays in the escalation.
                await remediationOpening.CheckAsync(customerId, user, cancellationToken);
            }

            cases.Audit(user.Name, "task.completed", "Task", task.Id, customerId, comment);
            var escalation = await engine.CompleteTaskAsync(taskId, variables, user.Name, cancellationToken);
            if (handOver)
            {
                var note = variables.GetValueOrDefault("note") as string;
                await remediationOpening.OpenAsync(customerId, string.IsNullOrWhiteSpace(note) ? "handed over from the overdue escalation" : note, user, cancellationToken);
            }

            return escalation;
        }

        var application = await cases.ApplicationAsync(task.BusinessKey, cancellationToken);
        var completion = new Completion(task, application, variables, comment, user);
        if (ProcessTasks.Approvals.Contains(task.ElementId))
        {
            await approvals.PrepareAsync(completion, cancellationToken);
        }
        else
        {
            await PrepareWorkTaskAsync(completion, cancellationToken);
        }

        cases.Touch(application);
        var instance = await engine.CompleteTaskAsync(taskId, variables, user.Name, cancellationToken);
        await SyncStageAsync(application, instance, cancellationToken);
        return instance;
    }

    private async Task PrepareWorkTaskAsync(Completion completion, CancellationToken cancellationToken)
    {
        var (task, application, variables, comment, user) = completion;
        switch (task.ElementId)
        {
            case ProcessTasks.CollectDocuments:
                await documents.EnsureChecklistUploadedAsync(application, cancellationToken);
                cases.Audit(user.Name, "task.completed", "Task", task.Id, application.CustomerId, comment);
                break;
            case ProcessTasks.ReviewDocuments:
                var decision = variables.GetValueOrDefault(Fields.Decision) as string;
                if (decision == Decisions.DocumentsComplete)
                {
                    await documents.EnsureChecklistVerifiedAsync(application, cancellationToken);
                }
                else if (decision == Decisions.DocumentsReturned)
                {
                    // The reason goes back to the maker: the field, else the comment.
                    if (variables.GetValueOrDefault(Fields.ReturnReason) is not string { Length: > 0 })
                    {
                        variables[Fields.ReturnReason] = comment ?? throw AppException.InvalidField(Fields.ReturnReason, FieldText.Format(FieldText.Keys.ReturnReasonMissing));
                    }
                }

                cases.Archive(application, task.ElementId, user.Name,
                    decision == Decisions.DocumentsComplete ? DecisionOutcome.DocumentsComplete : DecisionOutcome.DocumentsReturned,
                    comment ?? variables.GetValueOrDefault(Fields.ReturnReason) as string,
                    new { documents = await documents.SnapshotAsync(application, cancellationToken) }, taskId: task.Id);
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
            : waiting.Contains(ProcessTasks.CollectDocuments) ? ApplicationStage.DocumentCollection
            : waiting.Contains(ProcessTasks.ReviewDocuments) ? ApplicationStage.DocumentReview
            : waiting.Overlaps([ProcessTasks.RecordFindings, ProcessTasks.SiteVisit]) ? ApplicationStage.DueDiligence
            : waiting.Overlaps(ProcessTasks.Approvals) ? ApplicationStage.Approval
            : waiting.Contains(AwaitSignedContract) ? ApplicationStage.Contracting
            : application.Stage;
        if (stage != application.Stage)
        {
            application.Stage = stage;
            cases.Touch(application);
        }

        await cases.Db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>One completion being prepared: the task, its case, the variables it will set, and who acts.</summary>
public sealed record Completion(TaskRecord Task, OnboardingApplication Application, Dictionary<string, object?> Variables, string? Comment, CurrentUser User);
