using System.Text.Json.Serialization;

namespace OnboardingWorkflow.Engine.State;

/// <summary>What a bookmark waits for.</summary>
public enum BookmarkKind
{
    UserTask,
    Timer,
    Message,

    /// <summary>Waits for a signal (<see cref="Bookmark.MessageName"/> holds its name); every instance waiting for it gets it.</summary>
    Signal,

    /// <summary>A called process instance that must end before the call activity continues.</summary>
    CallActivity,

    /// <summary>
    /// An async continuation (camunda:asyncBefore or asyncAfter): runs as a unit of work of its own
    /// when due; a failed try is rolled back and tried again per the element's retry cycle.
    /// </summary>
    Job,

    /// <summary>A conditional event waiting for its condition to become true.</summary>
    Conditional,

    /// <summary>A receive task that names no message: it waits until it is triggered by name from outside (an administrator, an integration).</summary>
    Trigger,

    /// <summary>
    /// An external task (camunda:type="external"): waits for a worker to fetch it by
    /// <see cref="Bookmark.Topic"/>, lock it, and complete it, report a failure or throw a BPMN
    /// error. Its lock (owner, expiry) lives only in the store, so locking it does not change the instance.
    /// </summary>
    External,
}

/// <summary>
/// A persisted wait: the engine resumes the instance when the outside world answers it. Stores
/// index bookmarks by kind, due time, message name and key, and task assignment.
/// </summary>
public sealed class Bookmark
{
    public required string Id { get; init; }
    public required BookmarkKind Kind { get; init; }

    /// <summary>The element whose behaviour resumes: the task, the catch or boundary event.</summary>
    public required string ElementId { get; set; }

    /// <summary>The token that waits (for boundary events: the token of the host activity).</summary>
    public required string TokenId { get; init; }

    /// <summary>Bookmarks of one event-based gateway share a group; the first to fire removes the others.</summary>
    public string? Group { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    // Timers and jobs
    public DateTimeOffset? DueAt { get; set; }
    public string? CycleInterval { get; set; }
    public int CycleRemaining { get; set; }

    // Jobs

    /// <summary>The job continues after its element completed (camunda:asyncAfter); otherwise it starts the element.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool AfterElement { get; init; }

    /// <summary>The outgoing flows a gateway chose before its async-after job; null: the job selects them.</summary>
    public List<string>? Flows { get; init; }

    /// <summary>How many more tries the job has, this one included; null until it first failed (then its retry cycle decides).</summary>
    public int? Retries { get; set; }

    /// <summary>The tries that failed since the job was created or an administrator retried it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int FailedAttempts { get; set; }

    /// <summary>Why the last try failed: the incident code and message it would have raised.</summary>
    public string? LastError { get; set; }

    // External tasks (Retries and LastError above hold the worker's reported retries and error message)

    /// <summary>The topic workers fetch the external task by.</summary>
    public string? Topic { get; init; }

    /// <summary>The external task's priority (camunda:taskPriority, default 0): with usePriority, higher is fetched first.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Priority { get; init; }

    /// <summary>The details of the worker's last failure report (a stack trace, a response body), bounded.</summary>
    public string? ErrorDetails { get; set; }

    // Messages
    public string? MessageName { get; init; }
    public string? CorrelationKey { get; init; }

    // Conditional events: the condition's value when last looked at (null: not yet); it fires when it becomes true.
    public bool? ConditionHeld { get; set; }

    // Call activities
    public Guid? ChildInstanceId { get; set; }

    // User tasks
    public UserTaskInfo? Task { get; set; }

    /// <summary>A copy; the task data and chosen flows are shared, since they never change after the bookmark is created.</summary>
    public Bookmark Clone() => (Bookmark)MemberwiseClone();
}

/// <summary>The assignment and form data of a waiting user task; not changed once the task exists.</summary>
public sealed class UserTaskInfo
{
    public string? Name { get; set; }
    public string? Assignee { get; set; }
    public List<string> CandidateUsers { get; set; } = [];
    public List<string> CandidateGroups { get; set; } = [];
    public DateTimeOffset? DueDate { get; set; }
    public DateTimeOffset? FollowUpDate { get; set; }
    public int Priority { get; set; } = 50;
    public string? FormKey { get; set; }

    /// <summary>The loop counter when the task is one item of a multi-instance activity.</summary>
    public int? LoopCounter { get; set; }

    public UserTaskInfo Clone()
    {
        var copy = (UserTaskInfo)MemberwiseClone();
        copy.CandidateUsers = [.. CandidateUsers];
        copy.CandidateGroups = [.. CandidateGroups];
        return copy;
    }
}
