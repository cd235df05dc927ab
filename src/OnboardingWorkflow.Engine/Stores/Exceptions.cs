namespace OnboardingWorkflow.Engine.Stores;

/// <summary>Another unit of work changed the same instance (or version) first; reload and retry.</summary>
public sealed class ConcurrencyException(string message) : Exception(message);

/// <summary>A task that does not exist.</summary>
public sealed class TaskNotFoundException(string taskId) : Exception($"Task '{taskId}' does not exist.")
{
    public string TaskId { get; } = taskId;
}

/// <summary>A task that was completed or cancelled already: it cannot be completed again.</summary>
public sealed class TaskAlreadyEndedException(string taskId, UserTaskStatus status)
    : Exception($"Task '{taskId}' is already {status.ToString().ToLowerInvariant()}.")
{
    public string TaskId { get; } = taskId;
    public UserTaskStatus Status { get; } = status;
}

/// <summary>An instance that does not exist.</summary>
public sealed class InstanceNotFoundException(Guid id) : Exception($"Process instance '{id}' does not exist.")
{
    public Guid InstanceId { get; } = id;
}

/// <summary>No external task has this id: it never existed, or it ended (completed, failed with a BPMN error, interrupted).</summary>
public sealed class ExternalTaskNotFoundException(string taskId) : Exception($"External task '{taskId}' does not exist (any more).")
{
    public string TaskId { get; } = taskId;
}

/// <summary>
/// A worker reported on an external task it does not hold the lock of: it was never fetched by
/// it, its lock expired, or another worker holds it now. Nothing was changed.
/// </summary>
public sealed class ExternalTaskLockException(string taskId, string workerId, string reason)
    : Exception($"Worker '{workerId}' does not hold the lock of external task '{taskId}': {reason}")
{
    public string TaskId { get; } = taskId;
    public string WorkerId { get; } = workerId;
}
