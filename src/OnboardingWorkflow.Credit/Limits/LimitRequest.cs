namespace OnboardingWorkflow.Credit.Limits;

/// <summary>What the customer asks for and what we know about their purchases and our own size.</summary>
public sealed record LimitRequest
{
    public decimal? RequestedLimit { get; init; }

    public int TermsDays { get; init; } = 30;

    public decimal? ExpectedMonthlyPurchases { get; init; }

    /// <summary>Exposure already open with this customer before the request.</summary>
    public decimal CurrentExposure { get; init; }

    /// <summary>The case departs from policy (e.g. terms beyond the tier) and needs the exception route.</summary>
    public bool Exception { get; init; }

    /// <summary>Our own annual sales, for the concentration cap.</summary>
    public decimal? OwnAnnualSales { get; init; }
}
