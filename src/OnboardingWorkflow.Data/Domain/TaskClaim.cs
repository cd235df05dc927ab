namespace OnboardingWorkflow.Data.Domain;

/// <summary>
/// A user's claim on an open group task; one per task. Kept beside the engine's task table
/// because the engine has no claim operation.
/// </summary>
public sealed class TaskClaim
{
    public required string TaskId { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
}
