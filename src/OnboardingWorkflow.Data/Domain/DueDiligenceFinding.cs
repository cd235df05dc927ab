namespace OnboardingWorkflow.Data.Domain;

/// <summary>A fact found during due diligence: litigation, a penalty, a negative-list hit, a site-visit note.</summary>
public sealed class DueDiligenceFinding
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public FindingKind Kind { get; set; }
    public required string Description { get; set; }
    public decimal? Amount { get; set; }
    public DateOnly? OccurredOn { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
