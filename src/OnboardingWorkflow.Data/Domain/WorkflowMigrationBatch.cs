namespace OnboardingWorkflow.Data.Domain;

/// <summary>Where a migration batch stands: waiting for its job, being worked through, or done.</summary>
public enum WorkflowMigrationBatchState
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// Running instances of one process moved from one version to a newer one by a background job.
/// The counts grow chunk by chunk in the same transaction as the instances they count, so the
/// progress shown is what the database holds and an interrupted job resumes where it stopped.
/// </summary>
public sealed class WorkflowMigrationBatch
{
    /// <summary>Most instances one batch may hold; a larger version is migrated in several batches.</summary>
    public const int MaxInstances = 20_000;

    /// <summary>Most instances listed with the reason they did not move; the counts stay exact beyond it.</summary>
    public const int MaxListedFailures = 200;

    public const int MaxFailuresJsonLength = 200_000;

    public const int MaxMappingJsonLength = 150_000;

    public Guid Id { get; set; }

    public required string ProcessKey { get; set; }

    public int FromVersion { get; set; }

    public int ToVersion { get; set; }

    /// <summary>Old element id to new, as JSON; null when no element was renamed.</summary>
    public string? MappingJson { get; set; }

    /// <summary>
    /// The instances to move, as a JSON array of ids fixed when the batch starts (those asked for, or
    /// every running instance of <see cref="FromVersion"/> then). The job works through it in order;
    /// Migrated + Skipped + Failed is its position, so a job that was killed resumes there.
    /// </summary>
    public required string InstanceIdsJson { get; set; }

    /// <summary>Whether the admin named the instances (else the batch took every running instance of the version).</summary>
    public bool Explicit { get; set; }

    public WorkflowMigrationBatchState State { get; set; }

    public int Total { get; set; }

    public int Migrated { get; set; }

    public int Skipped { get; set; }

    public int Failed { get; set; }

    /// <summary>Instances not moved and why, as JSON, at most <see cref="MaxListedFailures"/> of them.</summary>
    public string? FailuresJson { get; set; }

    public required string StartedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
