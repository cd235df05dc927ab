using System.Globalization;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>One topic of a fetch-and-lock: the tasks' lock duration, and the variables to hand out (null: all the task sees).</summary>
public sealed record ExternalTaskTopicRequest(string TopicName, TimeSpan LockDuration, IReadOnlyList<string>? Variables = null);

/// <summary>A worker's fetch-and-lock (Camunda 7's): up to <see cref="MaxTasks"/> tasks of the topics, locked for <see cref="WorkerId"/>.</summary>
public sealed record FetchAndLockRequest(string WorkerId, int MaxTasks, IReadOnlyList<ExternalTaskTopicRequest> Topics, bool UsePriority = false);

/// <summary>An external task locked for a worker, with what it needs to do the work.</summary>
public sealed record LockedExternalTask(
    string Id,
    Guid InstanceId,
    string ProcessKey,
    int ProcessVersion,
    string ActivityId,
    string? ActivityName,
    string Topic,
    string? BusinessKey,
    long Priority,
    int? Retries,
    string? ErrorMessage,
    string WorkerId,
    DateTimeOffset LockExpiresAt,
    IReadOnlyDictionary<string, object?> Variables);

/// <summary>
/// External tasks (camunda:type="external"), Camunda 7 style. A worker fetches and locks tasks by
/// topic; the lock lives in the store only, so fetching does not change any instance (no revision
/// bump) and is safe across servers on one database (each task locked by one fetch). Completing,
/// reporting a failure and throwing a BPMN error are units of work of the instance, accepted only
/// from the worker that holds the lock while it holds it; the commit checks the lock again, so a
/// worker whose lock expired and was taken meanwhile loses with a <see cref="ConcurrencyException"/>.
/// </summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Locks up to <see cref="FetchAndLockRequest.MaxTasks"/> external tasks of the requested topics
    /// for the worker: tasks not locked (or whose lock expired) whose retries are not spent. Returns
    /// them with their instance's business key and the variables the task sees (those named per
    /// topic, or all).
    /// </summary>
    public async Task<IReadOnlyList<LockedExternalTask>> FetchAndLockAsync(FetchAndLockRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.WorkerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxTasks, 1);
        if (request.Topics.Count == 0 || request.Topics.Any(t => string.IsNullOrWhiteSpace(t.TopicName) || t.LockDuration <= TimeSpan.Zero))
        {
            throw new ArgumentException("A fetch names at least one topic, each with a positive lock duration.", nameof(request));
        }

        var now = Clock.GetUtcNow();
        var topics = request.Topics.Select(t => new ExternalTaskTopicLock(t.TopicName, t.LockDuration)).ToList();
        var locked = await Options.Instances.LockExternalTasksAsync(new ExternalTaskLockRequest(request.WorkerId, request.MaxTasks, topics, request.UsePriority, now), cancellationToken);
        var result = new List<LockedExternalTask>(locked.Count);
        var instances = locked.Count == 0 ? []
            : (await Options.Instances.FindManyAsync(locked.Select(t => t.InstanceId).Distinct().ToList(), cancellationToken)).ToDictionary(i => i.Id);
        foreach (var group in locked.GroupBy(t => t.InstanceId))
        {
            if (!instances.TryGetValue(group.Key, out var instance))
            {
                continue;
            }

            var definition = await GetDefinitionAsync(instance.ProcessKey, instance.ProcessVersion, cancellationToken);
            foreach (var task in group)
            {
                var bookmark = instance.Bookmarks.Find(b => b.Id == task.Id && b.Kind == BookmarkKind.External);
                if (bookmark is null)
                {
                    continue; // ended by another unit of work since it was locked
                }

                var names = request.Topics.First(t => t.TopicName == task.Topic).Variables;
                result.Add(new LockedExternalTask(task.Id, instance.Id, instance.ProcessKey, instance.ProcessVersion, task.ElementId,
                    definition.Nodes.TryGetValue(task.ElementId, out var node) ? node.Name : null, task.Topic, instance.BusinessKey, task.Priority,
                    bookmark.Retries, bookmark.LastError, request.WorkerId, task.LockExpiresAt!.Value, VisibleVariables(instance, bookmark.TokenId, names)));
            }
        }

        return result;
    }

    /// <summary>
    /// Completes an external task for the worker holding its lock, with variables its contract
    /// (camunda:formData on the task) accepts; the instance goes on. Throws
    /// <see cref="ExternalTaskNotFoundException"/>, <see cref="ExternalTaskLockException"/>,
    /// <see cref="TaskContractViolationException"/> (nothing changed) or <see cref="ConcurrencyException"/>.
    /// </summary>
    public async Task<ProcessInstance> CompleteExternalTaskAsync(string taskId, string workerId, IDictionary<string, object?>? variables, string? actor = null,
        CancellationToken cancellationToken = default)
    {
        var (execution, context, bookmark) = await LoadLockedAsync(taskId, workerId, actor, cancellationToken);
        var accepted = new TaskContractCheck(context.Definition.GetNode(bookmark.ElementId), Options, context.Instance.ProtectedVariables).Check(taskId, variables);
        await execution.CompleteExternalTaskAsync(context, bookmark, accepted, cancellationToken);
        await RunAndCommitAsync(execution, cancellationToken);
        return context.Instance;
    }

    /// <summary>
    /// A worker's failure report on the external task it holds: the retries it leaves (0: an
    /// incident, until an administrator retries it), its error, and how long the task stays locked
    /// before it may be fetched again (zero: at once).
    /// </summary>
    public async Task<ProcessInstance> HandleExternalTaskFailureAsync(string taskId, string workerId, string errorMessage, string? errorDetails, int retries,
        TimeSpan retryTimeout, string? actor = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryTimeout, TimeSpan.Zero);
        var (execution, context, bookmark) = await LoadLockedAsync(taskId, workerId, actor, cancellationToken);
        execution.RecordExternalTaskFailure(context, bookmark, workerId, errorMessage, errorDetails, retries);
        execution.Commit.BookmarkLocks.Add(retries > 0 && retryTimeout > TimeSpan.Zero ? (taskId, workerId, execution.Now + retryTimeout) : (taskId, null, null));
        await RunAndCommitAsync(execution, cancellationToken);
        return context.Instance;
    }

    /// <summary>
    /// A worker throws a BPMN error from the external task it holds, with variables its contract
    /// accepts (its required fields need not come): an error boundary event with that code (or none) catches it; uncaught, the token
    /// gets an <c>UnhandledError</c> incident, as for a handler's error.
    /// </summary>
    public async Task<ProcessInstance> HandleExternalTaskBpmnErrorAsync(string taskId, string workerId, string errorCode, string? errorMessage,
        IDictionary<string, object?>? variables, string? actor = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorCode);
        var (execution, context, bookmark) = await LoadLockedAsync(taskId, workerId, actor, cancellationToken);
        var accepted = new TaskContractCheck(context.Definition.GetNode(bookmark.ElementId), Options, context.Instance.ProtectedVariables).Check(taskId, variables, requireFields: false);
        await execution.ThrowExternalTaskErrorAsync(context, bookmark, errorCode, errorMessage, accepted, cancellationToken);
        await RunAndCommitAsync(execution, cancellationToken);
        return context.Instance;
    }

    /// <summary>Extends the lock the worker holds by <paramref name="newDuration"/> from now; returns the new expiry.</summary>
    public async Task<DateTimeOffset> ExtendExternalTaskLockAsync(string taskId, string workerId, TimeSpan newDuration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(newDuration, TimeSpan.Zero);
        var now = Clock.GetUtcNow();
        await CheckLockAsync(taskId, workerId, now, cancellationToken);
        var until = now + newDuration;
        return await Options.Instances.ChangeExternalTaskLockAsync(taskId, workerId, until, now, cancellationToken)
            ? until
            : throw new ExternalTaskLockException(taskId, workerId, "the lock was lost meanwhile");
    }

    /// <summary>Releases the lock the worker holds: the task can be fetched again at once.</summary>
    public async Task UnlockExternalTaskAsync(string taskId, string workerId, CancellationToken cancellationToken = default)
    {
        var now = Clock.GetUtcNow();
        await CheckLockAsync(taskId, workerId, now, cancellationToken);
        if (!await Options.Instances.ChangeExternalTaskLockAsync(taskId, workerId, null, now, cancellationToken))
        {
            throw new ExternalTaskLockException(taskId, workerId, "the lock was lost meanwhile");
        }
    }

    /// <summary>External tasks as the store indexes them, with their locks, for administrators.</summary>
    public Task<IReadOnlyList<ExternalTaskRecord>> QueryExternalTasksAsync(ExternalTaskQuery query, CancellationToken cancellationToken = default) =>
        Options.Instances.QueryExternalTasksAsync(query with { Now = Clock.GetUtcNow() }, cancellationToken);

    private async Task<ExternalTaskRecord> CheckLockAsync(string taskId, string workerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var task = await Options.Instances.FindExternalTaskAsync(taskId, cancellationToken) ?? throw new ExternalTaskNotFoundException(taskId);
        if (task.LockOwner is null)
        {
            throw new ExternalTaskLockException(taskId, workerId, "it is not locked; fetch and lock it first");
        }

        if (task.LockOwner != workerId)
        {
            throw new ExternalTaskLockException(taskId, workerId, "another worker holds it");
        }

        if (task.LockExpiresAt <= now)
        {
            throw new ExternalTaskLockException(taskId, workerId,
                $"the lock expired at {task.LockExpiresAt!.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}; fetch it again");
        }

        return task;
    }

    /// <summary>Checks the worker's lock and loads the task's instance into a unit of work whose commit checks the lock again.</summary>
    private async Task<(Execution Execution, InstanceContext Context, Bookmark Bookmark)> LoadLockedAsync(string taskId, string workerId, string? actor,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        var execution = new Execution(this, actor);
        var task = await CheckLockAsync(taskId, workerId, execution.Now, cancellationToken);
        var context = await execution.LoadAsync(task.InstanceId, cancellationToken);
        var bookmark = context.Instance.Bookmarks.Find(b => b.Id == taskId && b.Kind == BookmarkKind.External);
        if (bookmark is null || context.Instance.IsEnded)
        {
            throw new ExternalTaskNotFoundException(taskId);
        }

        execution.Commit.ExternalTaskLockGuards.Add((taskId, workerId, execution.Now));
        return (execution, context, bookmark);
    }

    /// <summary>The variables a token sees, the innermost scope's first; only <paramref name="names"/> when given.</summary>
    private static Dictionary<string, object?> VisibleVariables(ProcessInstance instance, string tokenId, IReadOnlyList<string>? names)
    {
        var visible = new Dictionary<string, object?>(StringComparer.Ordinal);
        var scopeId = instance.Tokens.Find(t => t.Id == tokenId)?.ScopeId;
        for (var scope = instance.Scopes.Find(s => s.Id == scopeId) ?? instance.RootScope; scope is not null;
             scope = scope.ParentId is null ? null : instance.Scopes.Find(s => s.Id == scope.ParentId))
        {
            foreach (var (name, value) in scope.Variables)
            {
                if (names is null || names.Contains(name, StringComparer.Ordinal))
                {
                    visible.TryAdd(name, value);
                }
            }
        }

        return visible;
    }
}
