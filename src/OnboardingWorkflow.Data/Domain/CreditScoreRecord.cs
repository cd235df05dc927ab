namespace OnboardingWorkflow.Data.Domain;

/// <summary>One scoring run with its full explanation (the credit library's assessment as JSON) and policy versions.</summary>
public sealed class CreditScoreRecord
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid CustomerId { get; set; }
    public double Score { get; set; }
    public double ProbabilityOfDefault { get; set; }
    public required string Grade { get; set; }
    public required string Tier { get; set; }
    public bool KnockedOut { get; set; }
    public decimal RecommendedLimit { get; set; }
    public int RecommendedTermsDays { get; set; }
    public string? RecommendedSecurity { get; set; }
    public decimal ExposureAfterRequest { get; set; }
    public required string ApprovalRule { get; set; }
    public required string ExplanationJson { get; set; }
    public required string PolicyVersion { get; set; }
    public DateTimeOffset ScoredAt { get; set; }
}
