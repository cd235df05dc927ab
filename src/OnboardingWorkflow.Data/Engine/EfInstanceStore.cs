using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Data.Engine;

/// <summary>
/// Instances, bookmarks, tasks, history and start timers in the database. A commit is one
/// transaction; it saves whatever else the unit of work added to the same DbContext (domain
/// rows, outbox e-mails, audit events) with it. The instance row's revision guards against a
/// concurrent unit of work.
/// </summary>
public sealed class EfInstanceStore(OnboardingDbContext db) : IInstanceStore
{
    private const string UserCandidate = WorkflowTaskCandidateEntity.UserKind;
    private const string GroupCandidate = WorkflowTaskCandidateEntity.GroupKind;

    public async Task<ProcessInstance?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var row = await db.Set<WorkflowInstanceEntity>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var instance = InstanceJson.Deserialize(row.StateJson);
        instance.Revision = row.Revision;
        return instance;
    }

    public async Task<TaskRecord?> FindTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var row = await db.Set<WorkflowTaskEntity>().AsNoTracking().Include(t => t.Candidates).FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        return row is null ? null : ToModel(row);
    }

    public async Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken = default)
    {
        var tasks = db.Set<WorkflowTaskEntity>().AsNoTracking();
        if (query.Status is { } status)
        {
            var text = status.ToString();
            tasks = tasks.Where(t => t.Status == text);
        }

        if (query.Assignee is { } assignee)
        {
            tasks = tasks.Where(t => t.Assignee == assignee);
        }

        if (query.DueBefore is { } dueBefore)
        {
            tasks = tasks.Where(t => t.DueDate != null && t.DueDate < dueBefore);
        }

        if (query.InstanceId is { } instanceId)
        {
            tasks = tasks.Where(t => t.InstanceId == instanceId);
        }

        if (query.BusinessKey is { } businessKey)
        {
            tasks = tasks.Where(t => t.BusinessKey == businessKey);
        }

        if (query.ElementId is { } elementId)
        {
            tasks = tasks.Where(t => t.ElementId == elementId);
        }

        if (query.ProcessKey is { } processKey)
        {
            tasks = tasks.Where(t => t.ProcessKey == processKey);
        }

        if (query.CandidateUser is not null || query.Groups is not null)
        {
            var user = query.CandidateUser;
            var groups = query.Groups?.ToList() ?? [];
            var candidates = db.Set<WorkflowTaskCandidateEntity>();
            tasks = tasks.Where(t =>
                (user != null && (t.Assignee == user
                    || t.Assignee == null && candidates.Any(c => c.TaskId == t.Id && c.Kind == UserCandidate && c.Value == user)))
                || (t.Assignee == null && candidates.Any(c => c.TaskId == t.Id && c.Kind == GroupCandidate && groups.Contains(c.Value))));
        }

        var rows = await tasks
            .OrderBy(t => t.DueOrder).ThenByDescending(t => t.Priority).ThenBy(t => t.CreatedAt)
            .Take(query.Limit)
            .Include(t => t.Candidates)
            .ToListAsync(cancellationToken);
        return rows.Select(ToModel).ToList();
    }

    public async Task<IReadOnlyList<BookmarkRef>> FindDueAsync(DateTimeOffset until, int max, CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<WorkflowBookmarkEntity>().AsNoTracking()
            .Where(b => b.DueAt != null && b.DueAt <= until)
            .OrderBy(b => b.DueAt).Take(max)
            .Select(b => new { b.InstanceId, b.Id, b.DueAt })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new BookmarkRef(r.InstanceId, r.Id, r.DueAt)).ToList();
    }

    public async Task<IReadOnlyList<StartTimer>> FindDueStartTimersAsync(DateTimeOffset until, int max, CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<WorkflowStartTimerEntity>().AsNoTracking()
            .Where(t => t.DueAt <= until).OrderBy(t => t.DueAt).Take(max).ToListAsync(cancellationToken);
        return rows.Select(t => new StartTimer
        {
            Id = t.Id, ProcessKey = t.ProcessKey, ProcessVersion = t.ProcessVersion, ElementId = t.ElementId,
            DueAt = t.DueAt, CycleInterval = t.CycleInterval, CycleRemaining = t.CycleRemaining,
        }).ToList();
    }

    public async Task<IReadOnlyList<BookmarkRef>> FindMessageSubscriptionsAsync(string messageName, string? correlationKey, CancellationToken cancellationToken = default)
    {
        var kind = BookmarkKind.Message.ToString();
        var query = db.Set<WorkflowBookmarkEntity>().AsNoTracking().Where(b => b.Kind == kind && b.MessageName == messageName);
        if (correlationKey is not null)
        {
            query = query.Where(b => b.CorrelationKey == correlationKey);
        }

        var rows = await query.Select(b => new { b.InstanceId, b.Id }).ToListAsync(cancellationToken);
        return rows.Select(r => new BookmarkRef(r.InstanceId, r.Id, null)).ToList();
    }

    public async Task<IReadOnlyList<BookmarkRef>> FindSignalSubscriptionsAsync(string signalName, CancellationToken cancellationToken = default)
    {
        var kind = BookmarkKind.Signal.ToString();
        var rows = await db.Set<WorkflowBookmarkEntity>().AsNoTracking().Where(b => b.Kind == kind && b.MessageName == signalName)
            .Select(b => new { b.InstanceId, b.Id }).ToListAsync(cancellationToken);
        return rows.Select(r => new BookmarkRef(r.InstanceId, r.Id, null)).ToList();
    }

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<WorkflowHistoryEntity>().AsNoTracking().Where(h => h.InstanceId == instanceId).OrderBy(h => h.Id).ToListAsync(cancellationToken);
        return rows.Select(h => new HistoryEvent
        {
            InstanceId = h.InstanceId,
            ProcessKey = h.ProcessKey,
            ProcessVersion = h.ProcessVersion,
            Event = h.Event,
            ElementId = h.ElementId,
            ElementType = h.ElementType,
            ElementName = h.ElementName,
            Time = h.Time,
            Actor = h.Actor,
            TokenId = h.TokenId,
            Detail = h.Detail,
            Variables = h.VariablesJson is null ? null : Variables.ParseObject(h.VariablesJson),
        }).ToList();
    }

    public async Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await WriteAsync(commit, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
            ForgetEngineRows();
        }
        catch (DbUpdateConcurrencyException ex)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyException($"A process instance was changed by another unit of work: {ex.Message}");
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }

        foreach (var (instance, expected) in commit.Instances)
        {
            instance.Revision = expected + 1;
        }
    }

    /// <summary>Forgets every tracked change of the context: what handlers of a rolled-back unit of work added or changed is not saved later.</summary>
    public void DiscardPending() => db.ChangeTracker.Clear();

    // Rows written by a commit are never read back through the tracker; left tracked, they would
    // collide with the next commit of the same instance on this context (same bookmark ids).
    private void ForgetEngineRows()
    {
        var written = db.ChangeTracker.Entries()
            .Where(e => e.Entity is WorkflowInstanceEntity or WorkflowBookmarkEntity or WorkflowTaskEntity
                or WorkflowTaskCandidateEntity or WorkflowStartTimerEntity)
            .ToList();
        foreach (var entry in written)
        {
            entry.State = EntityState.Detached;
        }
    }

    private async Task WriteAsync(WorkflowCommit commit, CancellationToken cancellationToken)
    {
        foreach (var (instance, expected) in commit.Instances)
        {
            var row = new WorkflowInstanceEntity
            {
                Id = instance.Id,
                ProcessKey = instance.ProcessKey,
                ProcessVersion = instance.ProcessVersion,
                BusinessKey = instance.BusinessKey,
                Status = instance.Status.ToString(),
                Revision = expected + 1,
                StartedAt = instance.StartedAt,
                EndedAt = instance.EndedAt,
                StartedBy = instance.StartedBy,
                ParentInstanceId = instance.ParentInstanceId,
                OpenIncidents = instance.Incidents.Count,
                StateJson = InstanceJson.Serialize(instance),
            };
            if (expected < 0)
            {
                row.Revision = 0;
                db.Add(row);
            }
            else
            {
                // UPDATE ... WHERE Revision = expected, before anything else of the instance is
                // touched: a concurrent unit of work waits on this row, then finds zero rows and
                // fails here, instead of colliding later on the bookmarks the winner wrote.
                var claimed = await db.Set<WorkflowInstanceEntity>()
                    .Where(i => i.Id == instance.Id && i.Revision == expected)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(i => i.Revision, row.Revision)
                        .SetProperty(i => i.ProcessVersion, row.ProcessVersion)
                        .SetProperty(i => i.BusinessKey, row.BusinessKey)
                        .SetProperty(i => i.Status, row.Status)
                        .SetProperty(i => i.EndedAt, row.EndedAt)
                        .SetProperty(i => i.OpenIncidents, row.OpenIncidents)
                        .SetProperty(i => i.StateJson, row.StateJson), cancellationToken);
                if (claimed == 0)
                {
                    throw new DbUpdateConcurrencyException($"Process instance '{instance.Id}' was changed by another unit of work (expected revision {expected}).");
                }

                await db.Set<WorkflowBookmarkEntity>().Where(b => b.InstanceId == instance.Id).ExecuteDeleteAsync(cancellationToken);
            }

            foreach (var bookmark in instance.Bookmarks)
            {
                db.Add(new WorkflowBookmarkEntity
                {
                    Id = bookmark.Id,
                    InstanceId = instance.Id,
                    Kind = bookmark.Kind.ToString(),
                    ElementId = bookmark.ElementId,
                    DueAt = bookmark.DueAt,
                    MessageName = bookmark.MessageName,
                    CorrelationKey = bookmark.CorrelationKey,
                });
            }
        }

        foreach (var task in commit.CreatedTasks)
        {
            var row = new WorkflowTaskEntity
            {
                Id = task.Id,
                InstanceId = task.InstanceId,
                ProcessKey = task.ProcessKey,
                BusinessKey = task.BusinessKey,
                ElementId = task.ElementId,
                Name = task.Name,
                Assignee = task.Assignee,
                FollowUpDate = task.FollowUpDate,
                Priority = task.Priority,
                FormKey = task.FormKey,
                CreatedAt = task.CreatedAt,
                Status = UserTaskStatus.Open.ToString(),
                CandidateKey = WorkflowTaskEntity.CandidateKeyOf(task.CandidateUsers, task.CandidateGroups),
                Candidates =
                [
                    .. task.CandidateUsers.Select(u => new WorkflowTaskCandidateEntity { TaskId = task.Id, Kind = UserCandidate, Value = u }),
                    .. task.CandidateGroups.Select(g => new WorkflowTaskCandidateEntity { TaskId = task.Id, Kind = GroupCandidate, Value = g }),
                ],
            };
            row.SetDueDate(task.DueDate);
            db.Add(row);
        }

        var open = UserTaskStatus.Open.ToString();
        foreach (var (taskId, elementId) in commit.MovedTasks)
        {
            await db.Set<WorkflowTaskEntity>().Where(t => t.Id == taskId && t.Status == open)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ElementId, elementId), cancellationToken);
        }

        foreach (var (taskId, status, at, by) in commit.EndedTasks)
        {
            var text = status.ToString();
            var changed = await db.Set<WorkflowTaskEntity>()
                .Where(t => t.Id == taskId && t.Status == open)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, text).SetProperty(t => t.EndedAt, at).SetProperty(t => t.EndedBy, by), cancellationToken);
            if (changed == 0 && !commit.CreatedTasks.Any(t => t.Id == taskId))
            {
                throw new DbUpdateConcurrencyException($"Task '{taskId}' was ended by another unit of work.");
            }

            if (changed == 0)
            {
                // Created and ended in this same unit of work (e.g. a committee item withdrawn at once).
                var created = db.ChangeTracker.Entries<WorkflowTaskEntity>().Single(e => e.Entity.Id == taskId).Entity;
                created.Status = text;
                created.EndedAt = at;
                created.EndedBy = by;
            }
        }

        var history = commit.History.Select(item => new WorkflowHistoryEntity
        {
            InstanceId = item.InstanceId,
            ProcessKey = item.ProcessKey,
            ProcessVersion = item.ProcessVersion,
            Event = item.Event,
            ElementId = item.ElementId,
            ElementType = item.ElementType,
            ElementName = item.ElementName,
            Time = item.Time,
            Actor = item.Actor,
            TokenId = item.TokenId,
            Detail = item.Detail,
            VariablesJson = item.Variables is null ? null : JsonSerializer.Serialize(item.Variables, InstanceJson.Options),
        }).ToList();
        if (history.Count > 0)
        {
            await AppendOnlyInsert<WorkflowHistoryEntity>.For(db).WriteAsync(db, history, cancellationToken);
        }

        await WriteStartTimersAsync(commit, cancellationToken);
    }

    private async Task WriteStartTimersAsync(WorkflowCommit commit, CancellationToken cancellationToken)
    {
        var timers = db.Set<WorkflowStartTimerEntity>();
        if (commit.ReplaceStartTimersOf is { } key)
        {
            await timers.Where(t => t.ProcessKey == key).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var id in commit.RemovedStartTimers)
        {
            await timers.Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var timer in commit.StartTimers)
        {
            var existing = await timers.FirstOrDefaultAsync(t => t.Id == timer.Id, cancellationToken);
            if (existing is null)
            {
                db.Add(new WorkflowStartTimerEntity
                {
                    Id = timer.Id, ProcessKey = timer.ProcessKey, ProcessVersion = timer.ProcessVersion, ElementId = timer.ElementId,
                    DueAt = timer.DueAt, CycleInterval = timer.CycleInterval, CycleRemaining = timer.CycleRemaining,
                });
            }
            else
            {
                existing.DueAt = timer.DueAt;
                existing.CycleRemaining = timer.CycleRemaining;
                existing.CycleInterval = timer.CycleInterval;
            }
        }
    }

    private static TaskRecord ToModel(WorkflowTaskEntity row) => new()
    {
        Id = row.Id,
        InstanceId = row.InstanceId,
        ProcessKey = row.ProcessKey,
        BusinessKey = row.BusinessKey,
        ElementId = row.ElementId,
        Name = row.Name,
        Assignee = row.Assignee,
        // Candidates keep the order the BPMN lists them in (row ids follow it); the inbox index reads them in key order.
        CandidateUsers = row.Candidates.Where(c => c.Kind == UserCandidate).OrderBy(c => c.Id).Select(c => c.Value).ToList(),
        CandidateGroups = row.Candidates.Where(c => c.Kind == GroupCandidate).OrderBy(c => c.Id).Select(c => c.Value).ToList(),
        DueDate = row.DueDate,
        FollowUpDate = row.FollowUpDate,
        Priority = row.Priority,
        FormKey = row.FormKey,
        CreatedAt = row.CreatedAt,
        Status = Enum.Parse<UserTaskStatus>(row.Status),
        EndedAt = row.EndedAt,
        EndedBy = row.EndedBy,
    };
}
