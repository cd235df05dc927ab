namespace OnboardingWorkflow.Data.Domain;

/// <summary>The credit agreement generated from the approved limit and terms, and its signed copy.</summary>
public sealed class Contract
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid CustomerId { get; set; }
    public decimal CreditLimit { get; set; }
    public int TermsDays { get; set; }
    public string? Security { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }
    public Guid? SignedDocumentId { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
}
