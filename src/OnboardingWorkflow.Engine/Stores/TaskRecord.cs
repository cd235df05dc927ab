namespace OnboardingWorkflow.Engine.Stores;

public enum UserTaskStatus
{
    Open,
    Completed,
    Cancelled,
}

/// <summary>A user task as the task list sees it: indexed by assignee, groups, due date and process.</summary>
public sealed class TaskRecord
{
    public required string Id { get; init; }
    public required Guid InstanceId { get; init; }
    public required string ProcessKey { get; init; }
    public string? BusinessKey { get; init; }
    public required string ElementId { get; set; }
    public string? Name { get; init; }
    public string? Assignee { get; set; }
    public IReadOnlyList<string> CandidateUsers { get; init; } = [];
    public IReadOnlyList<string> CandidateGroups { get; init; } = [];
    public DateTimeOffset? DueDate { get; init; }
    public DateTimeOffset? FollowUpDate { get; init; }
    public int Priority { get; init; }
    public string? FormKey { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public UserTaskStatus Status { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }

    public TaskRecord Clone() => (TaskRecord)MemberwiseClone();
}

/// <summary>A filter over tasks; null members do not filter.</summary>
public sealed record TaskQuery
{
    public UserTaskStatus? Status { get; init; } = UserTaskStatus.Open;
    public string? Assignee { get; init; }

    /// <summary>Tasks a user may take: assigned to them, or listing them or one of <see cref="Groups"/> as candidates.</summary>
    public string? CandidateUser { get; init; }
    public IReadOnlyList<string>? Groups { get; init; }
    public DateTimeOffset? DueBefore { get; init; }
    public Guid? InstanceId { get; init; }
    public string? BusinessKey { get; init; }
    public string? ElementId { get; init; }
    public string? ProcessKey { get; init; }
    public int Limit { get; init; } = 500;
}
