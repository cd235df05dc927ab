namespace OnboardingWorkflow.Data.Domain;

/// <summary>
/// A task-inbox filter a user keeps under a name ("my overdue approvals"). Only its owner sees it;
/// the query is stored as bounded JSON so the inbox's query shape can grow without a migration.
/// </summary>
public sealed class SavedTaskFilter
{
    public Guid Id { get; set; }
    public required string UserName { get; set; }
    public required string Name { get; set; }
    public required string QueryJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
