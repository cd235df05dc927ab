namespace OnboardingWorkflow.Data.Domain;

/// <summary>
/// A qualification document (licence, permit, bank reference) whose expiry the job acted on: the
/// re-collection case it started for the account owner, and, once the document expired when it was
/// mandatory, the review it requested. One per document and expiry date (unique), so the job starts
/// each case and asks for each review once, whatever the retries.
/// </summary>
public sealed class QualificationRenewal
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public Guid DocumentId { get; set; }
    public DocumentType DocumentType { get; set; }
    public DateOnly ExpiresOn { get; set; }
    public bool Mandatory { get; set; }

    /// <summary>The qualification-renewal workflow instance (business key: the customer id).</summary>
    public Guid InstanceId { get; set; }

    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? ReviewRequestedAt { get; set; }
}
