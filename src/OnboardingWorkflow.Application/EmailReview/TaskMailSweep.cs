using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>What one run of the task e-mails did.</summary>
public sealed record TaskMailRun(int TasksRead, int Requests, int Reminders, int Escalations, int TakenElsewhere, int Pages)
{
    public int Sent => Requests + Reminders + Escalations;
}

/// <summary>
/// The task e-mails (the "task-mail" job): for each open user task whose element asks for e-mail
/// (<see cref="TaskMailSettings"/>), the request to each recipient, the reminder before the due
/// date, and the escalation to the next authority level once it is overdue.
/// Only tasks of such elements are read, by the (Status, ElementId) index, in keyset pages by id,
/// so open tasks of other elements cost nothing. Each e-mail is one unit of work: its
/// <see cref="TaskMailNotice"/> row (unique per task, user and kind), its action tokens and its
/// outbox message are saved by one SaveChanges. A retry, or a second server running the same page
/// at the same time, meets the unique key: the notice is there, so that e-mail was sent by the
/// other one and is skipped. A failure of one e-mail (a template, a missing case) is logged with
/// the task and does not stop the others; the next run tries it again.
/// </summary>
public sealed class TaskMailSweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TaskMailSweep> logger)
{
    public const int PageSize = 200;

    public async Task<TaskMailRun> RunAsync(CancellationToken cancellationToken)
    {
        var elements = await ElementsAsync(cancellationToken);
        var run = new TaskMailRun(0, 0, 0, 0, 0, 0);
        if (elements.Count == 0)
        {
            return run;
        }

        var elementIds = elements.Keys.Select(k => k.ElementId).Distinct(StringComparer.Ordinal).ToList();
        var processKeys = elements.Keys.Select(k => k.Key).Distinct(StringComparer.Ordinal).ToList();
        var open = nameof(Engine.Stores.UserTaskStatus.Open);
        string after = "";
        var reported = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            List<WorkflowTaskEntity> page;
            Dictionary<Guid, int> versions;
            HashSet<(string TaskId, string User, TaskMailKind Kind)> sent;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
                page = await db.Set<WorkflowTaskEntity>().AsNoTracking()
                    .Where(t => t.Status == open && elementIds.Contains(t.ElementId) && processKeys.Contains(t.ProcessKey) && string.Compare(t.Id, after) > 0)
                    .OrderBy(t => t.Id).Take(PageSize)
                    .Include(t => t.Candidates)
                    .AsSplitQuery()
                    .ToListAsync(cancellationToken);
                if (page.Count == 0)
                {
                    return run;
                }

                var instanceIds = page.Select(t => t.InstanceId).Distinct().ToList();
                versions = await db.Set<WorkflowInstanceEntity>().Where(i => instanceIds.Contains(i.Id))
                    .ToDictionaryAsync(i => i.Id, i => i.ProcessVersion, cancellationToken);
                var taskIds = page.Select(t => t.Id).ToList();
                sent = (await db.Set<TaskMailNotice>().Where(n => taskIds.Contains(n.TaskId)).Select(n => new { n.TaskId, n.UserName, n.Kind })
                    .ToListAsync(cancellationToken)).Select(n => (n.TaskId, n.UserName.ToUpperInvariant(), n.Kind)).ToHashSet();
            }

            after = page[^1].Id;
            run = run with { TasksRead = run.TasksRead + page.Count, Pages = run.Pages + 1 };
            var recipients = new TaskMailRecipients(scopes);
            foreach (var task in page)
            {
                if (!versions.TryGetValue(task.InstanceId, out var version) || !elements.TryGetValue((task.ProcessKey, version, task.ElementId), out var settings))
                {
                    continue;
                }

                if (settings.Problem is { } problem)
                {
                    // Once per element and run: the diagram needs fixing, not each of its tasks.
                    if (reported.Add(problem))
                    {
                        logger.LogError("No task e-mails for task {TaskId} and the other open tasks of its element: {Problem}", task.Id, problem);
                    }

                    continue;
                }

                foreach (var (kind, user) in await DueAsync(task, settings.Settings!, recipients, cancellationToken))
                {
                    if (sent.Contains((task.Id, user.ToUpperInvariant(), kind)))
                    {
                        continue;
                    }

                    var outcome = await SendAsync(task.Id, user, kind, cancellationToken);
                    run = outcome switch
                    {
                        TaskMailOutcome.Sent when kind == TaskMailKind.Request => run with { Requests = run.Requests + 1 },
                        TaskMailOutcome.Sent when kind == TaskMailKind.Reminder => run with { Reminders = run.Reminders + 1 },
                        TaskMailOutcome.Sent => run with { Escalations = run.Escalations + 1 },
                        TaskMailOutcome.TakenElsewhere => run with { TakenElsewhere = run.TakenElsewhere + 1 },
                        _ => run,
                    };
                }
            }
        }
    }

    /// <summary>The e-mails the task is due for now, each to one user: requests, then reminders, then escalations.</summary>
    private async Task<List<(TaskMailKind Kind, string User)>> DueAsync(WorkflowTaskEntity task, TaskMailSettings settings, TaskMailRecipients recipients,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var deciders = await recipients.OfTaskAsync(task, cancellationToken);
        var due = deciders.Select(u => (TaskMailKind.Request, u)).ToList();
        if (task.DueDate is not { } dueDate)
        {
            return due;
        }

        // A task that starts inside its reminder window gets its request only: a reminder
        // minutes after the request would say nothing new.
        var remindAt = settings.ReminderAt(dueDate);
        if (now >= remindAt && now < dueDate && task.CreatedAt < remindAt)
        {
            due.AddRange(deciders.Select(u => (TaskMailKind.Reminder, u)));
        }

        if (now >= dueDate)
        {
            var groups = settings.EscalationGroups(task.Candidates.Where(c => c.Kind == WorkflowTaskCandidateEntity.GroupKind).Select(c => c.Value));
            foreach (var group in groups)
            {
                due.AddRange((await recipients.OfGroupAsync(group, cancellationToken)).Select(u => (TaskMailKind.Escalation, u)));
            }
        }

        return due.Distinct().ToList();
    }

    private async Task<TaskMailOutcome> SendAsync(string taskId, string user, TaskMailKind kind, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TaskMailer>().SendAsync(taskId, user, kind, cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
            if (await db.Set<TaskMailNotice>().AnyAsync(n => n.TaskId == taskId && n.UserName == user && n.Kind == kind, cancellationToken))
            {
                return TaskMailOutcome.TakenElsewhere;
            }

            logger.LogError(exception, "Task e-mail {Kind} of task {TaskId} to {User} could not be saved; the next run tries again", kind, taskId, user);
            return TaskMailOutcome.Failed;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Task e-mail {Kind} of task {TaskId} to {User} failed; the next run tries again", kind, taskId, user);
            return TaskMailOutcome.Failed;
        }
    }

    /// <summary>Every deployed (process, version, element) that asks for e-mail, with its settings or the problem with them.</summary>
    private async Task<Dictionary<(string Key, int Version, string ElementId), ElementMailSettings>> ElementsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        var deployed = await db.Set<WorkflowDefinitionEntity>().AsNoTracking().Select(d => new { d.Key, d.Version }).ToListAsync(cancellationToken);
        var elements = new Dictionary<(string, int, string), ElementMailSettings>();
        foreach (var definition in deployed)
        {
            // Parsed once per version and cached by the engine.
            var process = await engine.GetDefinitionAsync(definition.Key, definition.Version, cancellationToken);
            foreach (var node in process.Nodes.Values.Where(TaskMailSettings.AsksForEmail))
            {
                try
                {
                    elements[(definition.Key, definition.Version, node.Id)] = new ElementMailSettings(TaskMailSettings.Of(node), null);
                }
                catch (FormatException exception)
                {
                    elements[(definition.Key, definition.Version, node.Id)] = new ElementMailSettings(null, $"{definition.Key} v{definition.Version}: {exception.Message}");
                }
            }
        }

        return elements;
    }

    private sealed record ElementMailSettings(TaskMailSettings? Settings, string? Problem);
}

/// <summary>How one task e-mail went.</summary>
public enum TaskMailOutcome
{
    Sent,

    /// <summary>Another run (a retry, another server) sent it first.</summary>
    TakenElsewhere,

    /// <summary>Nothing to send any more: the task ended, or the user may no longer be written to.</summary>
    Skipped,

    Failed,
}
