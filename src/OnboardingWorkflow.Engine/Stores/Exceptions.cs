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
