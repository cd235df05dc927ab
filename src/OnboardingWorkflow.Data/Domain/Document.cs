namespace OnboardingWorkflow.Data.Domain;

/// <summary>An uploaded file: stored under the data directory, identified by its SHA-256.</summary>
public sealed class Document
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public DocumentType Type { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required string ContentHash { get; set; }
    public long Size { get; set; }

    /// <summary>Relative to the data directory.</summary>
    public required string StoragePath { get; set; }

    public DateOnly? ExpiresOn { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public VerificationState Verification { get; set; }
    public string? VerifiedBy { get; set; }
}
