namespace OnboardingWorkflow.Credit.Statements;

/// <summary>
/// One fiscal year of balance sheet, income statement and cash-flow figures. Amounts are in the
/// currency of the enclosing <see cref="FinancialStatements"/>; a figure the customer did not
/// report stays null so ratios can say why they are not computable.
/// </summary>
public sealed record FinancialYear
{
    public required int Year { get; init; }

    // Balance sheet
    public decimal? Cash { get; init; }
    public decimal? Receivables { get; init; }
    public decimal? Inventory { get; init; }
    public decimal? CurrentAssets { get; init; }
    public decimal? IntangibleAssets { get; init; }
    public decimal? TotalAssets { get; init; }
    public decimal? CurrentLiabilities { get; init; }
    public decimal? TotalLiabilities { get; init; }
    public decimal? Equity { get; init; }
    public decimal? RetainedEarnings { get; init; }

    /// <summary>Market value of equity; only listed companies have one (Altman's original Z).</summary>
    public decimal? MarketValueOfEquity { get; init; }

    // Income statement
    public decimal? Revenue { get; init; }
    public decimal? CostOfSales { get; init; }
    public decimal? OperatingProfit { get; init; }
    public decimal? Ebit { get; init; }
    public decimal? InterestExpense { get; init; }
    public decimal? NetIncome { get; init; }

    // Cash flow
    public decimal? OperatingCashFlow { get; init; }
}
