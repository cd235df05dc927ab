namespace OnboardingWorkflow.Data.Domain;

/// <summary>Where a draft of an approval flow stands: edited, proposed for review, published as a version, or discarded.</summary>
public enum WorkflowDraftState
{
    Draft,
    Proposed,
    Published,
    Discarded,
}

/// <summary>
/// A change to an approval flow being prepared in the designer. It runs nothing: publishing makes
/// its XML the process's next version. Admins may keep many drafts per process; each remembers
/// who wrote, proposed and published it, and the version it was started from and became.
/// </summary>
public sealed class WorkflowDraft
{
    /// <summary>The largest BPMN a draft holds, in characters: the same bound as a deployment.</summary>
    public const int MaxXmlLength = 2 * 1024 * 1024;

    public const int MaxCommentLength = 2000;

    public Guid Id { get; set; }

    /// <summary>The id of the executable process in the XML; a draft holds one.</summary>
    public required string ProcessKey { get; set; }

    public string? ProcessName { get; set; }

    public required string Xml { get; set; }

    /// <summary>The deployed version the draft started from, if any: the diff's left side.</summary>
    public int? BaseVersion { get; set; }

    public string? Comment { get; set; }

    public WorkflowDraftState State { get; set; }

    /// <summary>Errors and warnings of the last validation, kept for the list; publishing validates again.</summary>
    public int Errors { get; set; }

    public int Warnings { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? ProposedBy { get; set; }

    public DateTimeOffset? ProposedAt { get; set; }

    public string? PublishedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public int? PublishedVersion { get; set; }

    /// <summary>Grows with every change; two admins saving the same draft at once cannot both win.</summary>
    public int Revision { get; set; }
}
