namespace OnboardingWorkflow.Credit.EarlyWarning;

/// <summary>A customer's receivables, orders, exposure and score at one point in time, with the previous period where known.</summary>
public sealed record ReceivablesSnapshot
{
    public decimal OpenReceivables { get; init; }
    public decimal OverdueReceivables { get; init; }
    public int MaxDaysPastDue { get; init; }

    /// <summary>Sales to the customer over <see cref="PeriodDays"/>.</summary>
    public decimal? PeriodSales { get; init; }
    public int PeriodDays { get; init; } = 365;
    public double? PreviousCollectionPeriodDays { get; init; }
    public decimal? OrdersThisPeriod { get; init; }
    public decimal? OrdersPreviousPeriod { get; init; }
    public decimal? Exposure { get; init; }
    public decimal? Limit { get; init; }
    public double? CurrentScore { get; init; }
    public double? PreviousScore { get; init; }
}
