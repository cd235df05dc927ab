namespace OnboardingWorkflow.Data.Domain;

/// <summary>One onboarding case: the request, who made it, where its workflow instance stands.</summary>
public sealed class OnboardingApplication
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public ApplicationStatus Status { get; set; }
    public ApplicationStage Stage { get; set; }
    public string CustomerType { get; set; } = "company";
    public decimal RequestedLimit { get; set; }
    public int RequestedTermsDays { get; set; }
    public decimal ExpectedMonthlyPurchases { get; set; }

    /// <summary>The user name of the sales person who submitted it; never an approver of it.</summary>
    public required string Maker { get; set; }

    public Guid? InstanceId { get; set; }
    public decimal? RecommendedLimit { get; set; }
    public decimal? ApprovedLimit { get; set; }
    public int? ApprovedTermsDays { get; set; }
    public string? Outcome { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
