namespace OnboardingWorkflow.Data.Engine;

/// <summary>One deployed version of a process.</summary>
public sealed class WorkflowDefinitionEntity
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public required string Xml { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset DeployedAt { get; set; }
    public string? ResourceName { get; set; }
}

/// <summary>
/// A process instance: its whole state as JSON, plus the columns queries and concurrency need.
/// <see cref="Revision"/> is the optimistic-concurrency token.
/// </summary>
public sealed class WorkflowInstanceEntity
{
    public Guid Id { get; set; }
    public required string ProcessKey { get; set; }
    public int ProcessVersion { get; set; }
    public string? BusinessKey { get; set; }
    public required string Status { get; set; }
    public long Revision { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? StartedBy { get; set; }
    public Guid? ParentInstanceId { get; set; }
    public int OpenIncidents { get; set; }
    public required string StateJson { get; set; }
}

/// <summary>
/// One variable of one scope of an instance, its value as JSON. Variables live here, not in the
/// instance's <see cref="WorkflowInstanceEntity.StateJson"/>, so a step writes the variables it
/// changed and nothing else: rewriting a state of 1,000 variables at every step cost 16-35 % more
/// per step than a state of ten.
/// </summary>
public sealed class WorkflowVariableEntity
{
    /// <summary>The longest variable name the store keeps (a key column: SQL Server bounds its size).</summary>
    public const int MaxNameLength = 400;

    public Guid InstanceId { get; set; }

    /// <summary>The scope that holds the variable (the process scope, a sub-process, a multi-instance body or item).</summary>
    public required string ScopeId { get; set; }

    public required string Name { get; set; }

    /// <summary>The value as JSON (<see cref="OnboardingWorkflow.Engine.State.InstanceJson"/>).</summary>
    public required string Value { get; set; }
}

/// <summary>
/// A waiting bookmark, indexed for the due-timer sweep, message correlation and external-task
/// fetching. All columns but the lock mirror the instance state; the lock (<see cref="LockOwner"/>,
/// <see cref="LockExpiresAt"/>) of an external task lives only here, so a worker's fetch-and-lock
/// changes this row and never the instance.
/// </summary>
public sealed class WorkflowBookmarkEntity
{
    public required string Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string Kind { get; set; }
    public required string ElementId { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public string? MessageName { get; set; }
    public string? CorrelationKey { get; set; }

    /// <summary>An external task's topic; null for every other kind.</summary>
    public string? Topic { get; set; }

    /// <summary>An external task's priority (camunda:taskPriority).</summary>
    public long Priority { get; set; }

    /// <summary>The retries an external task's worker left; null until it reported a failure. 0: not fetched (an incident waits).</summary>
    public int? Retries { get; set; }

    /// <summary>The worker holding an external task's lock; null when unlocked.</summary>
    public string? LockOwner { get; set; }

    public DateTimeOffset? LockExpiresAt { get; set; }
}

/// <summary>A user task as the task list queries it.</summary>
public sealed class WorkflowTaskEntity
{
    public required string Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ProcessKey { get; set; }
    public string? BusinessKey { get; set; }
    public required string ElementId { get; set; }
    public string? Name { get; set; }
    public string? Assignee { get; set; }
    public DateTimeOffset? DueDate { get; set; }

    /// <summary>
    /// <see cref="DueDate"/>, or <see cref="NoDueDate"/> when the task has none. "By due date,
    /// tasks without one last" is then a plain index walk on (Status, DueOrder) on every provider;
    /// ordering by "DueDate IS NULL" cannot use an index. Written with <see cref="DueDate"/>, always.
    /// </summary>
    public DateTimeOffset DueOrder { get; set; }

    public DateTimeOffset? FollowUpDate { get; set; }
    public int Priority { get; set; }
    public string? FormKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }

    /// <summary>
    /// The candidates (<see cref="Candidates"/>) as one token string, "|g:CreditAnalyst|u:ana|",
    /// written with them when the task is created (they never change). With <see cref="ClaimedBy"/>
    /// it lets the task inbox read "the tasks offered to me" as one index range per key that names
    /// me or my groups (<see cref="OpenTaskKeys"/>): counting 100,000 open tasks by probing the
    /// candidate and claim tables per task took seconds on SQLite.
    /// </summary>
    public string? CandidateKey { get; set; }

    /// <summary>A copy of the task's claim (the TaskClaims row stays the record and its key the guard), kept by whoever changes the claim.</summary>
    public string? ClaimedBy { get; set; }

    public List<WorkflowTaskCandidateEntity> Candidates { get; set; } = [];

    /// <summary>The <see cref="CandidateKey"/> token of a candidate user.</summary>
    public static string UserToken(string user) => $"|u:{user}|";

    /// <summary>The <see cref="CandidateKey"/> token of a candidate group.</summary>
    public static string GroupToken(string group) => $"|g:{group}|";

    /// <summary>The <see cref="CandidateKey"/> of these candidates; null when there are none.</summary>
    public static string? CandidateKeyOf(IEnumerable<string> users, IEnumerable<string> groups)
    {
        var tokens = users.Select(u => "u:" + u).Concat(groups.Select(g => "g:" + g)).ToList();
        return tokens.Count == 0 ? null : "|" + string.Join("|", tokens) + "|";
    }

    /// <summary>The <see cref="DueOrder"/> of a task without a due date: after every real date, within every provider's range.</summary>
    public static readonly DateTimeOffset NoDueDate = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Sets the due date and its ordering copy together.</summary>
    public void SetDueDate(DateTimeOffset? due)
    {
        DueDate = due;
        DueOrder = due ?? NoDueDate;
    }
}

/// <summary>One candidate user or group of a task: a row each, so "my groups' tasks" is an indexed lookup.</summary>
public sealed class WorkflowTaskCandidateEntity
{
    /// <summary>The <see cref="Kind"/> of a candidate user.</summary>
    public const string UserKind = "user";

    /// <summary>The <see cref="Kind"/> of a candidate group.</summary>
    public const string GroupKind = "group";

    public long Id { get; set; }
    public required string TaskId { get; set; }

    /// <summary><see cref="UserKind"/> or <see cref="GroupKind"/>.</summary>
    public required string Kind { get; set; }

    public required string Value { get; set; }
}

/// <summary>One history event of an instance. Append-only.</summary>
public sealed class WorkflowHistoryEntity : IAppendOnly
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ProcessKey { get; set; }
    public int ProcessVersion { get; set; }
    public required string Event { get; set; }
    public required string ElementId { get; set; }
    public required string ElementType { get; set; }
    public string? ElementName { get; set; }
    public DateTimeOffset Time { get; set; }
    public string? Actor { get; set; }
    public string? TokenId { get; set; }
    public string? Detail { get; set; }
    public string? VariablesJson { get; set; }
}

/// <summary>A scheduled timer start event.</summary>
public sealed class WorkflowStartTimerEntity
{
    public required string Id { get; set; }
    public required string ProcessKey { get; set; }
    public int ProcessVersion { get; set; }
    public required string ElementId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public string? CycleInterval { get; set; }
    public int CycleRemaining { get; set; }
}

/// <summary>
/// A message or signal thrown by an instance and not yet delivered to every receiver (the engine's
/// <c>Dispatch</c>): written in the thrower's commit, deleted once delivered.
/// </summary>
public sealed class WorkflowDispatchEntity
{
    public Guid Id { get; set; }

    /// <summary>Message or Signal.</summary>
    public required string Kind { get; set; }

    public required string Name { get; set; }
    public string? CorrelationKey { get; set; }
    public string? VariablesJson { get; set; }
    public string? Actor { get; set; }
    public Guid? SourceInstanceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a sweep may deliver it.</summary>
    public DateTimeOffset DueAt { get; set; }

    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

/// <summary>That a dispatch reached a target (an instance, a start event): its key is the pair, so no target gets a dispatch twice.</summary>
public sealed class WorkflowDispatchDeliveryEntity
{
    public Guid DispatchId { get; set; }
    public required string Target { get; set; }
}
