using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Engine.Stores;

/// <summary>
/// Everything one unit of work changed; a store writes it in one transaction or not at all.
/// </summary>
public sealed class WorkflowCommit
{
    /// <summary>Instances to save with the revision they were loaded at (-1 for new ones).</summary>
    public List<(ProcessInstance Instance, long ExpectedRevision)> Instances { get; } = [];

    public List<HistoryEvent> History { get; } = [];
    public List<TaskRecord> CreatedTasks { get; } = [];

    /// <summary>Tasks that ended, with how (completed or cancelled), when and by whom.</summary>
    public List<(string TaskId, UserTaskStatus Status, DateTimeOffset At, string? By)> EndedTasks { get; } = [];

    /// <summary>Open tasks whose element was renamed by a migration to a newer version: the task keeps its row, under the new element id.</summary>
    public List<(string TaskId, string ElementId)> MovedTasks { get; } = [];

    /// <summary>
    /// External tasks this unit of work ends on behalf of a worker: the commit fails with a
    /// <see cref="ConcurrencyException"/> unless the worker still holds the lock at <c>At</c>, so a
    /// worker whose lock expired and was taken by another cannot complete the task as well.
    /// </summary>
    public List<(string TaskId, string WorkerId, DateTimeOffset At)> ExternalTaskLockGuards { get; } = [];

    /// <summary>
    /// Bookmark locks the commit sets (an external task's retry timeout) or releases (owner and
    /// expiry null: a fired timer's or job's claim, a failed external task), after the bookmarks are written.
    /// </summary>
    public List<(string TaskId, string? Owner, DateTimeOffset? ExpiresAt)> BookmarkLocks { get; } = [];

    public List<StartTimer> StartTimers { get; } = [];
    public List<string> RemovedStartTimers { get; } = [];

    /// <summary>The process key whose start timers are all replaced by <see cref="StartTimers"/>, on deploy.</summary>
    public string? ReplaceStartTimersOf { get; set; }

    /// <summary>Messages and signals thrown in this unit of work, stored with it and delivered after it.</summary>
    public List<Dispatch> Dispatches { get; } = [];

    /// <summary>
    /// Dispatches this unit of work delivers, each to one target (<see cref="Dispatch.InstanceTarget"/>,
    /// <see cref="Dispatch.StartTarget"/>). Stored as a unique pair: a commit that records a delivery
    /// already recorded fails and writes nothing, so no target gets a dispatch twice.
    /// </summary>
    public List<(Guid DispatchId, string Target)> Deliveries { get; } = [];

    /// <summary>Dispatches delivered to every receiver: removed with their delivery records.</summary>
    public List<Guid> DeliveredDispatches { get; } = [];
}
