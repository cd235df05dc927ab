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
                .SelectMany(i => i.Bookmarks.Where(b => b.DueAt <= until).Select(b => new BookmarkRef(i.Id, b.Id, b.DueAt)))
                .OrderBy(r => r.DueAt).Take(max).ToList();
            return Task.FromResult<IReadOnlyList<BookmarkRef>>(due);
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

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<HistoryEvent>>(_history.TryGetValue(instanceId, out var events) ? [.. events] : []);
        }
    }

    /// <summary>Nothing to drop: a unit of work changes copies, and only a commit hands them to the store.</summary>
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

            foreach (var (instance, expected) in commit.Instances)
            {
                instance.Revision = expected + 1;
                _instances[instance.Id] = instance;
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
