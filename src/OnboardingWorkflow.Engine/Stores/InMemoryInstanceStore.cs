using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Engine.Stores;

/// <summary>
/// Instances, tasks, timers and history in memory, with the same concurrency rules as a
/// database store: revisions are checked on every commit, and every read hands out a copy, so
/// no unit of work sees another's changes before they are committed. A committed instance
/// belongs to the store from then on: callers treat the instance they get back as read-only.
/// </summary>
public sealed class InMemoryInstanceStore : IInstanceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, ProcessInstance> _instances = [];
    private readonly Dictionary<string, TaskRecord> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, List<HistoryEvent>> _history = [];
    private readonly Dictionary<string, StartTimer> _startTimers = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Dispatch> _dispatches = [];
    private readonly HashSet<(Guid DispatchId, string Target)> _deliveries = [];

    /// <summary>The locks of external tasks, by task id: kept beside the instances, as a database keeps them in the bookmark rows.</summary>
    private readonly Dictionary<string, (Guid InstanceId, string Owner, DateTimeOffset ExpiresAt)> _locks = new(StringComparer.Ordinal);

    /// <summary>When false, history is not kept (benchmarks); the commit still succeeds.</summary>
    public bool KeepHistory { get; init; } = true;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _instances.Count;
            }
        }
    }

    public Task<ProcessInstance?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.TryGetValue(id, out var instance) ? instance.Clone() : null);
        }
    }

    public Task<TaskRecord?> FindTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_tasks.TryGetValue(taskId, out var task) ? task.Clone() : null);
        }
    }

    public Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var result = _tasks.Values.Where(t => Matches(t, query))
                .OrderBy(t => t.DueDate ?? DateTimeOffset.MaxValue).ThenByDescending(t => t.Priority).ThenBy(t => t.CreatedAt)
                .Take(query.Limit).Select(t => t.Clone()).ToList();
            return Task.FromResult<IReadOnlyList<TaskRecord>>(result);
        }
    }

    private static bool Matches(TaskRecord task, TaskQuery query)
    {
        if (query.Status is { } status && task.Status != status
            || query.Assignee is { } assignee && task.Assignee != assignee
            || query.DueBefore is { } dueBefore && !(task.DueDate < dueBefore)
            || query.InstanceId is { } instanceId && task.InstanceId != instanceId
            || query.BusinessKey is { } businessKey && task.BusinessKey != businessKey
            || query.ElementId is { } elementId && task.ElementId != elementId
            || query.ProcessKey is { } processKey && task.ProcessKey != processKey)
        {
            return false;
        }

        if (query.CandidateUser is null && query.Groups is null)
        {
            return true;
        }

        return query.CandidateUser is { } user && (task.Assignee == user || task.Assignee is null && task.CandidateUsers.Contains(user))
            || query.Groups is { } groups && task.Assignee is null && task.CandidateGroups.Any(groups.Contains);
    }

    public Task<IReadOnlyList<BookmarkRef>> FindDueAsync(DateTimeOffset until, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var due = _instances.Values
                .SelectMany(i => i.Bookmarks.Where(b => b.DueAt <= until && !(_locks.TryGetValue(b.Id, out var held) && held.ExpiresAt > until))
                    .Select(b => new BookmarkRef(i.Id, b.Id, b.DueAt)))
                .OrderBy(r => r.DueAt).Take(max).ToList();
            return Task.FromResult<IReadOnlyList<BookmarkRef>>(due);
        }
    }

    public Task<bool> ClaimDueAsync(BookmarkRef due, string owner, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_locks.TryGetValue(due.BookmarkId, out var held) && held.ExpiresAt > now)
            {
                return Task.FromResult(false);
            }

            _locks[due.BookmarkId] = (due.InstanceId, owner, until);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseClaimAsync(string bookmarkId, string owner, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_locks.TryGetValue(bookmarkId, out var held) && held.Owner == owner)
            {
                _locks.Remove(bookmarkId);
            }

            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<StartTimer>> FindDueStartTimersAsync(DateTimeOffset until, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var due = _startTimers.Values.Where(t => t.DueAt <= until).OrderBy(t => t.DueAt).Take(max).Select(t => t.Clone()).ToList();
            return Task.FromResult<IReadOnlyList<StartTimer>>(due);
        }
    }

    public Task<IReadOnlyList<BookmarkRef>> FindSignalSubscriptionsAsync(string signalName, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var found = _instances.Values
                .SelectMany(i => i.Bookmarks.Where(b => b.Kind == BookmarkKind.Signal && b.MessageName == signalName).Select(b => new BookmarkRef(i.Id, b.Id, null)))
                .ToList();
            return Task.FromResult<IReadOnlyList<BookmarkRef>>(found);
        }
    }

    public Task<IReadOnlyList<BookmarkRef>> FindMessageSubscriptionsAsync(string messageName, string? correlationKey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var found = _instances.Values
                .SelectMany(i => i.Bookmarks
                    .Where(b => b.Kind == BookmarkKind.Message && b.MessageName == messageName && (correlationKey is null || b.CorrelationKey == correlationKey))
                    .Select(b => new BookmarkRef(i.Id, b.Id, null)))
                .ToList();
            return Task.FromResult<IReadOnlyList<BookmarkRef>>(found);
        }
    }

    public Task<IReadOnlyList<ExternalTaskRecord>> LockExternalTasksAsync(ExternalTaskLockRequest request, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var durations = request.Topics.GroupBy(t => t.TopicName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().LockDuration, StringComparer.Ordinal);
            var candidates = AllExternalTasks().Where(t => durations.ContainsKey(t.Topic) && t.Retries is not 0 && !t.IsLockedAt(request.Now));
            candidates = request.UsePriority ? candidates.OrderByDescending(t => t.Priority).ThenBy(t => t.Id, StringComparer.Ordinal) : candidates.OrderBy(t => t.Id, StringComparer.Ordinal);
            var locked = new List<ExternalTaskRecord>();
            foreach (var task in candidates.Take(request.MaxTasks).ToList())
            {
                var expires = request.Now + durations[task.Topic];
                _locks[task.Id] = (task.InstanceId, request.WorkerId, expires);
                locked.Add(task with { LockOwner = request.WorkerId, LockExpiresAt = expires });
            }

            return Task.FromResult<IReadOnlyList<ExternalTaskRecord>>(locked);
        }
    }

    public Task<ExternalTaskRecord?> FindExternalTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(AllExternalTasks().FirstOrDefault(t => t.Id == taskId));
        }
    }

    public Task<bool> ChangeExternalTaskLockAsync(string taskId, string workerId, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_locks.TryGetValue(taskId, out var held) || held.Owner != workerId || held.ExpiresAt <= now || AllExternalTasks().All(t => t.Id != taskId))
            {
                return Task.FromResult(false);
            }

            if (expiresAt is { } until)
            {
                _locks[taskId] = held with { ExpiresAt = until };
            }
            else
            {
                _locks.Remove(taskId);
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<ExternalTaskRecord>> QueryExternalTasksAsync(ExternalTaskQuery query, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var found = AllExternalTasks()
                .Where(t => (query.Topic is null || t.Topic == query.Topic) && (query.InstanceId is null || t.InstanceId == query.InstanceId)
                    && (query.Locked is null || t.IsLockedAt(query.Now) == query.Locked) && (query.NoRetriesLeft is null || (t.Retries == 0) == query.NoRetriesLeft))
                .OrderBy(t => t.Id, StringComparer.Ordinal).Take(query.Limit).ToList();
            return Task.FromResult<IReadOnlyList<ExternalTaskRecord>>(found);
        }
    }

    /// <summary>Every external task of every instance, with its lock; call under the gate.</summary>
    private IEnumerable<ExternalTaskRecord> AllExternalTasks() =>
        _instances.Values.SelectMany(i => i.Bookmarks.Where(b => b.Kind == BookmarkKind.External).Select(b =>
        {
            var held = _locks.TryGetValue(b.Id, out var l) ? l : default;
            return new ExternalTaskRecord
            {
                Id = b.Id, InstanceId = i.Id, ElementId = b.ElementId, Topic = b.Topic ?? string.Empty, Priority = b.Priority, Retries = b.Retries,
                LockOwner = held.Owner, LockExpiresAt = held.Owner is null ? null : held.ExpiresAt,
            };
        }));

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<HistoryEvent>>(_history.TryGetValue(instanceId, out var events) ? [.. events] : []);
        }
    }

    /// <summary>Nothing to drop: a unit of work changes copies, and only a commit hands them to the store.</summary>
    public Task<IReadOnlyList<Dispatch>> FindDueDispatchesAsync(DateTimeOffset until, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Dispatch>>(_dispatches.Values.Where(d => d.DueAt <= until).OrderBy(d => d.DueAt).ThenBy(d => d.Id).Take(max).ToList());
        }
    }

    public Task<bool> PostponeDispatchAsync(Guid dispatchId, DateTimeOffset expectedDueAt, DateTimeOffset dueAt, int attempts, string? lastError,
        CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_dispatches.TryGetValue(dispatchId, out var dispatch) || dispatch.DueAt != expectedDueAt)
            {
                return Task.FromResult(false);
            }

            _dispatches[dispatchId] = dispatch with { DueAt = dueAt, Attempts = attempts, LastError = lastError };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlySet<string>> FindDeliveriesAsync(Guid dispatchId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlySet<string>>(_deliveries.Where(d => d.DispatchId == dispatchId).Select(d => d.Target).ToHashSet(StringComparer.Ordinal));
        }
    }

    public void DiscardPending()
    {
    }

    public Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var (instance, expected) in commit.Instances)
            {
                var current = _instances.TryGetValue(instance.Id, out var stored) ? stored.Revision : -1;
                if (current != expected)
                {
                    throw new ConcurrencyException($"Process instance '{instance.Id}' was changed by another unit of work (revision {current}, expected {expected}).");
                }
            }

            foreach (var (taskId, _, _, _) in commit.EndedTasks)
            {
                if (_tasks.TryGetValue(taskId, out var task) && task.Status != UserTaskStatus.Open)
                {
                    throw new ConcurrencyException($"Task '{taskId}' was ended by another unit of work.");
                }
            }

            foreach (var (taskId, workerId, at) in commit.ExternalTaskLockGuards)
            {
                if (!_locks.TryGetValue(taskId, out var held) || held.Owner != workerId || held.ExpiresAt <= at)
                {
                    throw new ConcurrencyException($"The lock of external task '{taskId}' is no longer held by worker '{workerId}'.");
                }
            }

            foreach (var delivery in commit.Deliveries)
            {
                if (_deliveries.Contains(delivery))
                {
                    throw new InvalidOperationException($"Dispatch '{delivery.DispatchId}' was already delivered to {delivery.Target}.");
                }
            }

            foreach (var dispatch in commit.Dispatches)
            {
                _dispatches[dispatch.Id] = dispatch;
            }

            foreach (var delivery in commit.Deliveries)
            {
                _deliveries.Add(delivery);
            }

            foreach (var id in commit.DeliveredDispatches)
            {
                _dispatches.Remove(id);
                _deliveries.RemoveWhere(d => d.DispatchId == id);
            }

            foreach (var (instance, expected) in commit.Instances)
            {
                instance.Revision = expected + 1;
                _instances[instance.Id] = instance;
                foreach (var gone in _locks.Where(l => l.Value.InstanceId == instance.Id && !instance.Bookmarks.Exists(b => b.Id == l.Key)).Select(l => l.Key).ToList())
                {
                    _locks.Remove(gone);
                }
            }

            foreach (var (taskId, owner, expiresAt) in commit.BookmarkLocks)
            {
                var instanceId = owner is null || expiresAt is null ? null : commit.Instances.Select(i => i.Instance).FirstOrDefault(i => i.Bookmarks.Exists(b => b.Id == taskId))?.Id;
                if (instanceId is null)
                {
                    _locks.Remove(taskId);
                }
                else
                {
                    _locks[taskId] = (instanceId.Value, owner!, expiresAt!.Value);
                }
            }

            foreach (var task in commit.CreatedTasks)
            {
                _tasks[task.Id] = task.Clone();
            }

            foreach (var (taskId, elementId) in commit.MovedTasks)
            {
                if (_tasks.TryGetValue(taskId, out var task))
                {
                    task.ElementId = elementId;
                }
            }

            foreach (var (taskId, status, at, by) in commit.EndedTasks)
            {
                if (_tasks.TryGetValue(taskId, out var task))
                {
                    task.Status = status;
                    task.EndedAt = at;
                    task.EndedBy = by;
                }
            }

            if (commit.ReplaceStartTimersOf is { } key)
            {
                foreach (var id in _startTimers.Values.Where(t => t.ProcessKey == key).Select(t => t.Id).ToList())
                {
                    _startTimers.Remove(id);
                }
            }

            foreach (var id in commit.RemovedStartTimers)
            {
                _startTimers.Remove(id);
            }

            foreach (var timer in commit.StartTimers)
            {
                _startTimers[timer.Id] = timer.Clone();
            }

            if (KeepHistory)
            {
                foreach (var item in commit.History)
                {
                    if (!_history.TryGetValue(item.InstanceId, out var events))
                    {
                        _history[item.InstanceId] = events = [];
                    }

                    events.Add(item);
                }
            }

            return Task.CompletedTask;
        }
    }
}
