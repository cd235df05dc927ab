namespace OnboardingWorkflow.Credit.Statements;

/// <summary>A customer's statements for one or more years in one currency.</summary>
public sealed record FinancialStatements
{
    public required string Currency { get; init; }

    public required IReadOnlyList<FinancialYear> Years { get; init; }

    /// <summary>The most recent year, or null when no year was supplied.</summary>
    public FinancialYear? Latest => Years.Count == 0 ? null : Years.MaxBy(y => y.Year);

    /// <summary>The year just before <paramref name="year"/>, when it was supplied.</summary>
    public FinancialYear? YearBefore(FinancialYear year) => Years.FirstOrDefault(y => y.Year == year.Year - 1);
}
