using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.Tasks;

/// <summary>
/// Who works on an open task and by when, besides claiming and completing (<see cref="TaskActions"/>):
/// give a claim back, hand the task to another candidate, move its due and follow-up dates.
/// Only the claimer (or, for dates, the assignee) acts on their own task; credit managers and
/// admins may act on any, as the people who balance the team's work. The ownership rule holds:
/// a task of a case the actor may not see does not exist for them. Every change is audited.
/// <para>
/// Dates live on the task row only. The engine writes a task row once, when the task is created,
/// and afterwards changes nothing but its status (EfInstanceStore), so a later step of the instance
/// never puts the BPMN's due date back. Timers of the flow (reminders, escalations) are bookmarks
/// of their own and do not move with the task's dates.
/// </para>
/// </summary>
public sealed class TaskAssignments(CaseFile cases, CaseAccess access)
{
    public const int MaxUserNameLength = 256;

    /// <summary>How far back a date may be set: a little, to record what was agreed; and how far ahead.</summary>
    public static readonly TimeSpan MaxPast = TimeSpan.FromDays(31);
    public static readonly TimeSpan MaxFuture = TimeSpan.FromDays(366 * 2);

    public async Task UnclaimAsync(string taskId, CurrentUser user, CancellationToken cancellationToken)
    {
        var task = await VisibleOpenAsync(taskId, user, cancellationToken);
        var claim = await cases.Db.Set<TaskClaim>().FindAsync([task.Id], cancellationToken)
            ?? throw AppException.Conflict(ErrorCodes.InvalidState, $"Task {taskId} is not claimed.");
        if (!user.Is(claim.UserName) && !BalancesWork(user))
        {
            throw AppException.Forbidden($"Task {taskId} is claimed by {claim.UserName}: only they, a credit manager or an admin may give it back.");
        }

        cases.Db.Remove(claim);
        await MirrorClaimAsync(cases, task.Id, null, cancellationToken);
        cases.Audit(user.Name, "task.unclaimed", "Task", taskId, detail: $"claim of {claim.UserName} released");
        await cases.Db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Hands the task to another active user who is one of its candidates: the claim becomes theirs.</summary>
    public async Task<TaskClaim> DelegateAsync(string taskId, string? toUser, CurrentUser user, CancellationToken cancellationToken)
    {
        var input = new InputRules();
        var target = input.Text("user", toUser, MaxUserNameLength, required: true);
        input.ThrowIfAny();

        var task = await VisibleOpenAsync(taskId, user, cancellationToken);
        if (task.Assignee is not null)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState, $"Task {taskId} is assigned to {task.Assignee} by the process; it cannot be delegated.");
        }

        var claim = await cases.Db.Set<TaskClaim>().FindAsync([task.Id], cancellationToken);
        var mayHandOver = BalancesWork(user) || (claim is null ? TaskActions.IsCandidate(task, user) : user.Is(claim.UserName));
        if (!mayHandOver)
        {
            throw AppException.Forbidden(claim is null
                ? $"{user.Name} is not a candidate for task {taskId}."
                : $"Task {taskId} is claimed by {claim.UserName}: only they, a credit manager or an admin may delegate it.");
        }

        var colleague = await ActiveUserAsync(target!, cancellationToken)
            ?? throw AppException.InvalidField("user", FieldText.Format(FieldText.Keys.NotActiveUser, target));
        if (!TaskActions.IsCandidate(task, colleague))
        {
            var offered = task.CandidateGroups.Concat(task.CandidateUsers).ToList();
            throw AppException.InvalidField("user", FieldText.Format(FieldText.Keys.NotOfferedTo, colleague.Name, offered.Count == 0 ? FieldText.Format(FieldText.Keys.OfferedToNobody) : FieldText.List(offered)));
        }

        if (!await IsVisibleAsync(task.Id, colleague, cancellationToken))
        {
            throw AppException.InvalidField("user", FieldText.Format(FieldText.Keys.MayNotSeeCase, colleague.Name));
        }

        var from = claim?.UserName;
        if (claim is null)
        {
            claim = new TaskClaim { TaskId = task.Id, UserName = colleague.Name, ClaimedAt = cases.Now };
            cases.Db.Add(claim);
        }
        else
        {
            claim.UserName = colleague.Name;
            claim.ClaimedAt = cases.Now;
        }

        await MirrorClaimAsync(cases, task.Id, colleague.Name, cancellationToken);
        cases.Audit(user.Name, "task.delegated", "Task", taskId, detail: $"from {from ?? "(unclaimed)"} to {colleague.Name}");
        await SaveClaimAsync(taskId, cancellationToken);
        return claim;
    }

    /// <summary>Sets (or clears, with null) the task's due and follow-up dates.</summary>
    public async Task SetDatesAsync(string taskId, DateTimeOffset? due, DateTimeOffset? followUp, CurrentUser user, CancellationToken cancellationToken)
    {
        var now = cases.Now;
        var earliest = DateOnly.FromDateTime((now - MaxPast).UtcDateTime);
        var latest = DateOnly.FromDateTime((now + MaxFuture).UtcDateTime);
        var input = new InputRules();
        input.DateWithin("due", Day(due), earliest, latest, "the due date");
        input.DateWithin("followUp", Day(followUp), earliest, latest, "the follow-up date");
        input.ThrowIfAny();

        var task = await VisibleOpenAsync(taskId, user, cancellationToken);
        var claim = await cases.Db.Set<TaskClaim>().AsNoTracking().FirstOrDefaultAsync(c => c.TaskId == task.Id, cancellationToken);
        if (!user.Is(claim?.UserName) && !user.Is(task.Assignee) && !BalancesWork(user))
        {
            throw AppException.Forbidden($"Only the claimer or assignee of task {taskId}, a credit manager or an admin may change its dates.");
        }

        var row = await cases.Db.Set<WorkflowTaskEntity>().FirstAsync(t => t.Id == task.Id, cancellationToken);
        row.SetDueDate(due?.ToUniversalTime());
        row.FollowUpDate = followUp?.ToUniversalTime();
        cases.Audit(user.Name, "task.dates", "Task", taskId, detail: $"due {Text(task.DueDate)} -> {Text(row.DueDate)}; follow-up {Text(task.FollowUpDate)} -> {Text(row.FollowUpDate)}");
        await cases.Db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Copies a claim change onto the task row the inbox reads (<see cref="WorkflowTaskEntity.ClaimedBy"/>); saved with the claim.</summary>
    internal static async Task MirrorClaimAsync(CaseFile cases, string taskId, string? userName, CancellationToken cancellationToken)
    {
        var row = await cases.Db.Set<WorkflowTaskEntity>().FirstAsync(t => t.Id == taskId, cancellationToken);
        row.ClaimedBy = userName;
    }

    private static bool BalancesWork(CurrentUser user) => user.IsAdmin || user.IsInRole(Roles.CreditManager);

    private static DateOnly? Day(DateTimeOffset? value) => value is { } v ? DateOnly.FromDateTime(v.UtcDateTime) : null;

    private static string Text(DateTimeOffset? value) => value?.ToString("O") ?? "none";

    /// <summary>The open task, when the user may see its case; otherwise not found, so ids cannot be probed.</summary>
    private async Task<TaskRecord> VisibleOpenAsync(string taskId, CurrentUser user, CancellationToken cancellationToken)
    {
        // The task row as the engine's store reads it, on this unit of work's context.
        var task = await new EfInstanceStore(cases.Db).FindTaskAsync(taskId, cancellationToken) ?? throw new TaskNotFoundException(taskId);
        if (task.Status != UserTaskStatus.Open)
        {
            throw new TaskAlreadyEndedException(taskId, task.Status);
        }

        if (user.IsAuditor)
        {
            throw AppException.Forbidden("Auditors read tasks; they do not change them.");
        }

        return await IsVisibleAsync(task.Id, user, cancellationToken) ? task : throw AppException.NotFound($"Task {taskId}");
    }

    private Task<bool> IsVisibleAsync(string taskId, CurrentUser user, CancellationToken cancellationToken) =>
        access.VisibleTasks(user, cases.Db.Set<WorkflowTaskEntity>().Where(t => t.Id == taskId)).AnyAsync(cancellationToken);

    /// <summary>The user by name with their roles, unless disabled or unknown.</summary>
    private async Task<CurrentUser?> ActiveUserAsync(string name, CancellationToken cancellationToken)
    {
        var db = cases.Db;
        var normalized = name.ToUpperInvariant();
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        if (account?.UserName is null || account.IsDisabled())
        {
            return null;
        }

        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == account.Id && r.Name != null
                           select r.Name!).ToListAsync(cancellationToken);
        return new CurrentUser(account.UserName, roles);
    }

    private async Task SaveClaimAsync(string taskId, CancellationToken cancellationToken)
    {
        try
        {
            await cases.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone claimed it between our read and our write: the unique key decided.
            throw AppException.Conflict(ErrorCodes.TaskClaimed, $"Task {taskId} was claimed by someone else meanwhile.");
        }
    }
}
