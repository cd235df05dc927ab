using System.Data.Common;
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
public sealed partial class EfInstanceStore(OnboardingDbContext db) : IInstanceStore
{
    private const string UserCandidate = WorkflowTaskCandidateEntity.UserKind;
    private const string GroupCandidate = WorkflowTaskCandidateEntity.GroupKind;

    /// <summary>
    /// The bookmark rows of each instance as this store loaded or last wrote them: a commit writes
    /// only the bookmarks that changed since (the revision check guarantees the rows are still those).
    /// </summary>
    private readonly Dictionary<Guid, Dictionary<string, WorkflowBookmarkEntity>> _loadedBookmarks = [];

    public Task<ProcessInstance?> FindAsync(Guid id, CancellationToken cancellationToken = default) => ReadInstanceAsync(id, cancellationToken);

    public async Task<TaskRecord?> FindTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var row = await db.Set<WorkflowTaskEntity>().AsNoTracking().Include(t => t.Candidates).FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        return row is null ? null : ToModel(row);
    }

    public async Task<TaskWithInstance?> FindTaskWithInstanceAsync(string taskId, CancellationToken cancellationToken = default) =>
        await ReadTaskInstanceAsync(taskId, cancellationToken) is var (status, instanceId, instance)
            ? new TaskWithInstance(Enum.Parse<UserTaskStatus>(status), instanceId, instance)
            : null;

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
            .Where(b => b.DueAt != null && b.DueAt <= until && (b.LockExpiresAt == null || b.LockExpiresAt <= until))
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
        try
        {
            if (SqliteGroupCommit.For(db) is { } group)
            {
                // SQLite runs the batch statement by statement: a lost race fails at the instance's
                // update, before anything else is written, so there is no later collision to explain.
                using var batch = await PrepareAsync(commit, cancellationToken);
                await group.RunAsync(db, async () =>
                {
                    await batch.ExecuteAsync(cancellationToken);
                    await WriteStartTimersAsync(commit, cancellationToken);
                    await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
                }, cancellationToken);
                db.AcceptSavedChanges();
            }
            else if (CommitsInItsBatch(commit))
            {
                await CommitInOneBatchAsync(commit, cancellationToken);
            }
            else
            {
                await CommitAloneAsync(commit, cancellationToken);
            }

            ForgetEngineRows();
        }
        catch (DbUpdateConcurrencyException ex)
        {
            db.ChangeTracker.Clear();
            ForgetLoadedBookmarks(commit);
            throw new ConcurrencyException($"A process instance was changed by another unit of work: {ex.Message}");
        }
        catch
        {
            db.ChangeTracker.Clear();
            ForgetLoadedBookmarks(commit);
            throw;
        }

        foreach (var (instance, expected) in commit.Instances)
        {
            instance.Revision = expected + 1;
            _loadedBookmarks[instance.Id] = BookmarkRows(instance);
            RememberVariables(instance);
        }
    }

    /// <summary>
    /// Whether the commit can be its write batch alone, committed in the batch's round trip
    /// (<see cref="WriteBatch.ExecuteCommittingAsync"/>): on PostgreSQL, outside any transaction
    /// of the caller, when nothing else goes with it (no start timer, which EF writes, and nothing
    /// the unit of work's handlers added to the context). What most steps of a flow are.
    /// </summary>
    private bool CommitsInItsBatch(WorkflowCommit commit) =>
        db is PostgreSqlOnboardingDbContext
        && db.Database.CurrentTransaction is null && System.Transactions.Transaction.Current is null
        && commit.ReplaceStartTimersOf is null && commit.StartTimers.Count == 0 && commit.RemovedStartTimers.Count == 0
        && !db.ChangeTracker.HasChanges();

    /// <summary>
    /// The commit as one batch that is its own transaction. A lost race fails at the instance's
    /// update, the batch's first statement for that instance, before anything else is written; any
    /// other failure is explained as in <see cref="CommitAloneAsync"/>, with nothing to roll back.
    /// </summary>
    private async Task CommitInOneBatchAsync(WorkflowCommit commit, CancellationToken cancellationToken)
    {
        using var batch = await PrepareAsync(commit, cancellationToken);
        try
        {
            await batch.ExecuteCommittingAsync(cancellationToken);
        }
        catch (DbException)
        {
            await ThrowIfChangedMeanwhileAsync(commit, transaction: null, cancellationToken);
            throw;
        }
    }

    /// <summary>The commit in a transaction of its own.</summary>
    private async Task CommitAloneAsync(WorkflowCommit commit, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await WriteAsync(commit, cancellationToken);
            }
            catch (DbException)
            {
                await ThrowIfChangedMeanwhileAsync(commit, transaction, cancellationToken);
                throw;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    /// <summary>Forgets every tracked change of the context: what handlers of a rolled-back unit of work added or changed is not saved later.</summary>
    public void DiscardPending() => db.ChangeTracker.Clear();

    /// <summary>
    /// After a statement of the batch failed: throws a concurrency exception when an instance it
    /// updates has a new revision (rolling back <paramref name="transaction"/> first, if there is
    /// one). Sent together, the later statements of a unit of work that lost the race run before the
    /// lost update is noticed, and may then collide with what the winner wrote (a bookmark's key).
    /// </summary>
    private async Task ThrowIfChangedMeanwhileAsync(WorkflowCommit commit, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction,
        CancellationToken cancellationToken)
    {
        var updated = commit.Instances.Where(i => i.ExpectedRevision >= 0).ToList();
        if (updated.Count == 0)
        {
            return;
        }

        if (transaction is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        foreach (var (instance, expected) in updated)
        {
            var revision = await db.Set<WorkflowInstanceEntity>().Where(i => i.Id == instance.Id).Select(i => (long?)i.Revision).FirstOrDefaultAsync(cancellationToken);
            if (revision != expected)
            {
                throw new DbUpdateConcurrencyException("A process instance of this unit of work was changed by another one meanwhile.");
            }
        }
    }

    // Start timers are written through the tracker; left tracked, they would collide with the
    // next commit of the same rows on this context.
    private void ForgetEngineRows()
    {
        foreach (var entry in db.ChangeTracker.Entries<WorkflowStartTimerEntity>().ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private void ForgetLoadedBookmarks(WorkflowCommit commit)
    {
        foreach (var (instance, _) in commit.Instances)
        {
            _loadedBookmarks.Remove(instance.Id);
            ForgetVariables(instance);
        }
    }

    /// <summary>
    /// The engine's rows of the commit in one batch: the instance rows first (an update claims its
    /// row, so a concurrent unit of work waits there and then finds it changed), then the bookmarks
    /// that changed since the instance was loaded, the tasks, and the history.
    /// </summary>
    private async Task WriteAsync(WorkflowCommit commit, CancellationToken cancellationToken)
    {
        using var batch = await PrepareAsync(commit, cancellationToken);
        await batch.ExecuteAsync(cancellationToken);
        await WriteStartTimersAsync(commit, cancellationToken);
    }

    /// <summary>
    /// The engine's rows of the commit as one batch, built but not yet sent: a group commit builds it
    /// before its turn to write, so the turn holds only the statements' execution.
    /// </summary>
    private async Task<WriteBatch> PrepareAsync(WorkflowCommit commit, CancellationToken cancellationToken)
    {
        var batch = new WriteBatch(db);
        try
        {
            var instances = RowTable.Of<WorkflowInstanceEntity>(db);
            var bookmarks = RowTable.Of<WorkflowBookmarkEntity>(db);
            var newInstances = new List<WorkflowInstanceEntity>();
            var addedBookmarks = new List<WorkflowBookmarkEntity>();
            var addedVariables = new List<WorkflowVariableEntity>();
            var guards = commit.ExternalTaskLockGuards.ToList();
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
                    StateJson = InstanceJson.SerializeState(instance),
                };
                var now = BookmarkRows(instance);
                WriteVariables(batch, instance, isNew: expected < 0, addedVariables);
                if (expected < 0)
                {
                    row.Revision = 0;
                    newInstances.Add(row);
                    addedBookmarks.AddRange(now.Values);
                    continue;
                }

                string[] set = [nameof(row.Revision), nameof(row.ProcessVersion), nameof(row.BusinessKey), nameof(row.Status), nameof(row.EndedAt), nameof(row.OpenIncidents), nameof(row.StateJson)];
                var values = new object?[] { row.Revision, row.ProcessVersion, row.BusinessKey, row.Status, row.EndedAt, row.OpenIncidents, row.StateJson };
                var parameters = set.Select((column, i) => batch.Parameter(instances, column, i, values[i])).ToList();
                parameters.Add(batch.Parameter(instances, nameof(row.Id), set.Length, row.Id));
                parameters.Add(batch.Parameter(instances, nameof(row.Revision), set.Length + 1, expected));
                batch.Add($"UPDATE {instances.Name} SET "
                    + string.Join(", ", set.Select((column, i) => $"{instances.Column(column)} = {instances.Placeholder("w" + i)}"))
                    + $" WHERE {instances.Column(nameof(row.Id))} = {instances.Placeholder("w" + set.Length)} AND {instances.Column(nameof(row.Revision))} = {instances.Placeholder("w" + (set.Length + 1))}",
                    parameters, rows: 1,
                    otherwise: () => new DbUpdateConcurrencyException($"Process instance '{instance.Id}' was changed by another unit of work (expected revision {expected})."));

                // A worker's report: its lock must still hold. Checked right after the instance row is
                // claimed and before the bookmark goes, so a fetch that took the lock meanwhile wins.
                foreach (var (taskId, workerId, at) in guards.Where(g => instance.Bookmarks.Exists(b => b.Id == g.TaskId)
                    || _loadedBookmarks.TryGetValue(instance.Id, out var loaded) && loaded.ContainsKey(g.TaskId)).ToList())
                {
                    guards.Remove((taskId, workerId, at));
                    AddLockGuard(batch, bookmarks, taskId, workerId, at);
                }

                if (!_loadedBookmarks.TryGetValue(instance.Id, out var before))
                {
                    // Loaded elsewhere: replace them all, keeping the locks of external tasks (they are not the instance's).
                    var locks = await db.Set<WorkflowBookmarkEntity>().AsNoTracking().Where(b => b.InstanceId == instance.Id && b.LockOwner != null)
                        .Select(b => new { b.Id, b.LockOwner, b.LockExpiresAt }).ToListAsync(cancellationToken);
                    foreach (var held in locks)
                    {
                        if (now.TryGetValue(held.Id, out var kept))
                        {
                            (kept.LockOwner, kept.LockExpiresAt) = (held.LockOwner, held.LockExpiresAt);
                        }
                    }

                    batch.Add($"DELETE FROM {bookmarks.Name} WHERE {bookmarks.Column(nameof(WorkflowBookmarkEntity.InstanceId))} = {bookmarks.Placeholder("w0")}",
                        [batch.Parameter(bookmarks, nameof(WorkflowBookmarkEntity.InstanceId), 0, instance.Id)]);
                    addedBookmarks.AddRange(now.Values);
                    continue;
                }

                DeleteBookmarks(batch, bookmarks, before.Keys.Where(id => !now.ContainsKey(id)).ToList());
                foreach (var (id, bookmark) in now)
                {
                    if (!before.TryGetValue(id, out var old))
                    {
                        addedBookmarks.Add(bookmark);
                    }
                    else if (!SameRow(old, bookmark))
                    {
                        UpdateBookmark(batch, bookmarks, bookmark);
                    }
                }
            }

            foreach (var (taskId, workerId, at) in guards)
            {
                AddLockGuard(batch, bookmarks, taskId, workerId, at);
            }

            batch.Insert(newInstances);
            batch.Insert(addedBookmarks);
            batch.Insert(addedVariables);
            foreach (var (taskId, owner, expiresAt) in commit.BookmarkLocks)
            {
                batch.Add($"UPDATE {bookmarks.Name} SET {bookmarks.Column(nameof(WorkflowBookmarkEntity.LockOwner))} = {bookmarks.Placeholder("w0")}, {bookmarks.Column(nameof(WorkflowBookmarkEntity.LockExpiresAt))} = {bookmarks.Placeholder("w1")}"
                    + $" WHERE {bookmarks.Column(nameof(WorkflowBookmarkEntity.Id))} = {bookmarks.Placeholder("w2")}",
                    [batch.Parameter(bookmarks, nameof(WorkflowBookmarkEntity.LockOwner), 0, owner), batch.Parameter(bookmarks, nameof(WorkflowBookmarkEntity.LockExpiresAt), 1, expiresAt),
                        batch.Parameter(bookmarks, nameof(WorkflowBookmarkEntity.Id), 2, taskId)]);
            }

            var ended = commit.EndedTasks.ToDictionary(t => t.TaskId);
            var createdTasks = new List<WorkflowTaskEntity>();
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
                };
                row.SetDueDate(task.DueDate);
                if (ended.Remove(task.Id, out var end))
                {
                    // Created and ended in this same unit of work (e.g. a committee item withdrawn at once).
                    (row.Status, row.EndedAt, row.EndedBy) = (end.Status.ToString(), end.At, end.By);
                }

                createdTasks.Add(row);
            }

            batch.Insert(createdTasks);
            batch.Insert(commit.CreatedTasks.SelectMany(task =>
                task.CandidateUsers.Select(u => new WorkflowTaskCandidateEntity { TaskId = task.Id, Kind = UserCandidate, Value = u })
                    .Concat(task.CandidateGroups.Select(g => new WorkflowTaskCandidateEntity { TaskId = task.Id, Kind = GroupCandidate, Value = g }))).ToList());

            var tasks = RowTable.Of<WorkflowTaskEntity>(db);
            var open = UserTaskStatus.Open.ToString();
            foreach (var (taskId, elementId) in commit.MovedTasks)
            {
                batch.Add($"UPDATE {tasks.Name} SET {tasks.Column(nameof(WorkflowTaskEntity.ElementId))} = {tasks.Placeholder("w0")} WHERE {tasks.Column(nameof(WorkflowTaskEntity.Id))} = {tasks.Placeholder("w1")}"
                    + $" AND {RowTable.CheckOnly(tasks.Column(nameof(WorkflowTaskEntity.Status)), tasks.Placeholder("w2"))}",
                    [batch.Parameter(tasks, nameof(WorkflowTaskEntity.ElementId), 0, elementId), batch.Parameter(tasks, nameof(WorkflowTaskEntity.Id), 1, taskId),
                        batch.Parameter(tasks, nameof(WorkflowTaskEntity.Status), 2, open)]);
            }

            foreach (var (taskId, status, at, by) in ended.Values)
            {
                batch.Add($"UPDATE {tasks.Name} SET {tasks.Column(nameof(WorkflowTaskEntity.Status))} = {tasks.Placeholder("w0")}, {tasks.Column(nameof(WorkflowTaskEntity.EndedAt))} = {tasks.Placeholder("w1")}, {tasks.Column(nameof(WorkflowTaskEntity.EndedBy))} = {tasks.Placeholder("w2")}"
                    + $" WHERE {tasks.Column(nameof(WorkflowTaskEntity.Id))} = {tasks.Placeholder("w3")}"
                    + $" AND {RowTable.CheckOnly(tasks.Column(nameof(WorkflowTaskEntity.Status)), tasks.Placeholder("w4"))}",
                    [batch.Parameter(tasks, nameof(WorkflowTaskEntity.Status), 0, status.ToString()), batch.Parameter(tasks, nameof(WorkflowTaskEntity.EndedAt), 1, at),
                        batch.Parameter(tasks, nameof(WorkflowTaskEntity.EndedBy), 2, by), batch.Parameter(tasks, nameof(WorkflowTaskEntity.Id), 3, taskId),
                        batch.Parameter(tasks, nameof(WorkflowTaskEntity.Status), 4, open)],
                    rows: 1, otherwise: () => new DbUpdateConcurrencyException($"Task '{taskId}' was ended by another unit of work."));
            }

            batch.Insert(commit.History.Select(item => new WorkflowHistoryEntity
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
            }).ToList());

            WriteDispatches(batch, db, commit);
            return batch;
        }
        catch
        {
            batch.Dispose();
            throw;
        }
    }

    /// <summary>The bookmark rows an instance's state mirrors, by id.</summary>
    private static Dictionary<string, WorkflowBookmarkEntity> BookmarkRows(ProcessInstance instance) =>
        instance.Bookmarks.ToDictionary(b => b.Id, b => new WorkflowBookmarkEntity
        {
            Id = b.Id,
            InstanceId = instance.Id,
            Kind = b.Kind.ToString(),
            ElementId = b.ElementId,
            DueAt = b.DueAt,
            MessageName = b.MessageName,
            CorrelationKey = b.CorrelationKey,
            Topic = b.Kind == BookmarkKind.External ? b.Topic : null,
            Priority = b.Kind == BookmarkKind.External ? b.Priority : 0,
            Retries = b.Kind == BookmarkKind.External ? b.Retries : null,
        });

    private static bool SameRow(WorkflowBookmarkEntity a, WorkflowBookmarkEntity b) =>
        a.Kind == b.Kind && a.ElementId == b.ElementId && a.DueAt == b.DueAt && a.MessageName == b.MessageName && a.CorrelationKey == b.CorrelationKey
        && a.Topic == b.Topic && a.Priority == b.Priority && a.Retries == b.Retries;

    /// <summary>A statement that changes one row only while <paramref name="workerId"/> holds the external task's lock at <paramref name="at"/>.</summary>
    private static void AddLockGuard(WriteBatch batch, RowTable bookmarks, string taskId, string workerId, DateTimeOffset at)
    {
        var owner = bookmarks.Column(nameof(WorkflowBookmarkEntity.LockOwner));
        batch.Add($"UPDATE {bookmarks.Name} SET {owner} = {owner} WHERE {bookmarks.Column(nameof(WorkflowBookmarkEntity.Id))} = {bookmarks.Placeholder("w0")}"
            + $" AND {owner} = {bookmarks.Placeholder("w1")} AND {bookmarks.Column(nameof(WorkflowBookmarkEntity.LockExpiresAt))} > {bookmarks.Placeholder("w2")}",
            [batch.Parameter(bookmarks, nameof(WorkflowBookmarkEntity.Id), 0, taskId), batch.Parameter(bookmarks, nameof(WorkflowBookmarkEntity.LockOwner), 1, workerId),
                batch.Parameter(bookmarks, nameof(WorkflowBookmarkEntity.LockExpiresAt), 2, at)],
            rows: 1, otherwise: () => new DbUpdateConcurrencyException($"The lock of external task '{taskId}' is no longer held by worker '{workerId}'."));
    }

    private static void DeleteBookmarks(WriteBatch batch, RowTable bookmarks, IReadOnlyList<string> ids)
    {
        foreach (var chunk in ids.Chunk(bookmarks.MaxParameters))
        {
            batch.Add($"DELETE FROM {bookmarks.Name} WHERE {bookmarks.Column(nameof(WorkflowBookmarkEntity.Id))} IN ("
                + string.Join(", ", chunk.Select((_, i) => bookmarks.Placeholder("w" + i))) + ")",
                chunk.Select((id, i) => batch.Parameter(bookmarks, nameof(WorkflowBookmarkEntity.Id), i, id)).ToList());
        }
    }

    private static void UpdateBookmark(WriteBatch batch, RowTable bookmarks, WorkflowBookmarkEntity row)
    {
        // The lock columns are not the instance's: a unit of work never writes them here.
        string[] set = [nameof(row.Kind), nameof(row.ElementId), nameof(row.DueAt), nameof(row.MessageName), nameof(row.CorrelationKey), nameof(row.Topic), nameof(row.Priority), nameof(row.Retries)];
        var values = new object?[] { row.Kind, row.ElementId, row.DueAt, row.MessageName, row.CorrelationKey, row.Topic, row.Priority, row.Retries };
        var parameters = set.Select((column, i) => batch.Parameter(bookmarks, column, i, values[i])).ToList();
        parameters.Add(batch.Parameter(bookmarks, nameof(row.Id), set.Length, row.Id));
        batch.Add($"UPDATE {bookmarks.Name} SET " + string.Join(", ", set.Select((column, i) => $"{bookmarks.Column(column)} = {bookmarks.Placeholder("w" + i)}"))
            + $" WHERE {bookmarks.Column(nameof(row.Id))} = {bookmarks.Placeholder("w" + set.Length)}", parameters);
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
