namespace OnboardingWorkflow.Credit.EarlyWarning;

/// <summary>A customer's receivables, orders, exposure, score, statements and qualifications at one point in time, with the previous period where known.</summary>
public sealed record ReceivablesSnapshot
{
    public decimal OpenReceivables { get; init; }
    public decimal OverdueReceivables { get; init; }
    public int MaxDaysPastDue { get; init; }

    /// <summary>Sales to the customer over <see cref="PeriodDays"/>.</summary>
    public decimal? PeriodSales { get; init; }
    public int PeriodDays { get; init; } = 365;
    public double? PreviousCollectionPeriodDays { get; init; }

    /// <summary>Days beyond terms at the previous period, for the trend.</summary>
    public double? PreviousDaysBeyondTerms { get; init; }
    public decimal? OrdersThisPeriod { get; init; }
    public decimal? OrdersPreviousPeriod { get; init; }
    public decimal? Exposure { get; init; }
    public decimal? Limit { get; init; }
    public double? CurrentScore { get; init; }
    public double? PreviousScore { get; init; }

    /// <summary>The key ratios that deteriorated (see <see cref="RatioDeterioration"/>); null when no two years of statements are at hand.</summary>
    public IReadOnlyList<string>? DeterioratedRatios { get; init; }

    /// <summary>Days until the first mandatory document expires (negative: expired that many days ago); null when none expires.</summary>
    public int? QualificationDaysLeft { get; init; }
}
