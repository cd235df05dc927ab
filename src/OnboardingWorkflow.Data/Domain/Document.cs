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

    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>Why the document was rejected (or a note on its verification).</summary>
    public string? VerificationNote { get; set; }

    /// <summary>Whether the document is still valid on <paramref name="day"/>: no expiry, or an expiry after that day.</summary>
    public bool IsValidOn(DateOnly day) => ExpiresOn is not { } expiry || expiry > day;

    /// <summary>
    /// Marks the document verified. A document that is expired, or expires on or before the
    /// decision day, cannot be verified: the caller gets the reason to show.
    /// </summary>
    public string? TryVerify(string by, DateTimeOffset at, DateOnly decisionDay, string? note)
    {
        if (!IsValidOn(decisionDay))
        {
            return $"{Type} {FileName} expires on {ExpiresOn:yyyy-MM-dd}, not after the decision date {decisionDay:yyyy-MM-dd}; ask the maker for a current one";
        }

        Verification = VerificationState.Verified;
        VerifiedBy = by;
        VerifiedAt = at;
        VerificationNote = note;
        return null;
    }

    public void Reject(string by, DateTimeOffset at, string reason)
    {
        Verification = VerificationState.Rejected;
        VerifiedBy = by;
        VerifiedAt = at;
        VerificationNote = reason;
    }
}
