namespace OnboardingWorkflow.Engine.Stores;

/// <summary>One topic of a fetch: its name and how long the tasks fetched for it stay locked.</summary>
public sealed record ExternalTaskTopicLock(string TopicName, TimeSpan LockDuration);

/// <summary>
/// A worker's fetch-and-lock: up to <see cref="MaxTasks"/> unlocked external tasks of the topics,
/// with retries not spent, locked for <see cref="WorkerId"/> as of <see cref="Now"/>.
/// With <see cref="UsePriority"/> the highest priority first; always oldest first after that.
/// </summary>
public sealed record ExternalTaskLockRequest(string WorkerId, int MaxTasks, IReadOnlyList<ExternalTaskTopicLock> Topics, bool UsePriority, DateTimeOffset Now);

/// <summary>An external task as a store indexes it: the bookmark's columns and its lock.</summary>
public sealed record ExternalTaskRecord
{
    public required string Id { get; init; }
    public required Guid InstanceId { get; init; }
    public required string ElementId { get; init; }
    public required string Topic { get; init; }
    public long Priority { get; init; }

    /// <summary>The retries the worker left in its last failure report; null until it reported one.</summary>
    public int? Retries { get; init; }

    public string? LockOwner { get; init; }
    public DateTimeOffset? LockExpiresAt { get; init; }

    /// <summary>Whether <see cref="LockOwner"/> holds the lock at <paramref name="now"/>.</summary>
    public bool IsLockedAt(DateTimeOffset now) => LockOwner is not null && LockExpiresAt > now;
}

/// <summary>A listing of external tasks for administrators: by topic, instance, locked or not.</summary>
public sealed record ExternalTaskQuery
{
    public string? Topic { get; init; }
    public Guid? InstanceId { get; init; }

    /// <summary>True: only those locked at <see cref="Now"/>; false: only those not locked; null: both.</summary>
    public bool? Locked { get; init; }

    /// <summary>True: only those whose retries are spent (an incident waits); null: all.</summary>
    public bool? NoRetriesLeft { get; init; }

    public DateTimeOffset Now { get; init; }
    public int Limit { get; init; } = 100;
}
