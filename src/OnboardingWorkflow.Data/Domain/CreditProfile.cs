namespace OnboardingWorkflow.Data.Domain;

/// <summary>A customer's current score, grade, tier, limit and terms; one per customer.</summary>
public sealed class CreditProfile
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public double Score { get; set; }
    public required string Grade { get; set; }
    public required string Tier { get; set; }
    public decimal CreditLimit { get; set; }
    public int TermsDays { get; set; }
    public string? Security { get; set; }
    public DateOnly NextReview { get; set; }

    /// <summary>Last day of a temporary limit; after it the limit returns to <see cref="LimitAfterTemporary"/>.</summary>
    public DateOnly? TemporaryUntil { get; set; }

    public decimal? LimitAfterTemporary { get; set; }
    public required string PolicyVersion { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
