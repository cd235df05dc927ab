using OnboardingWorkflow.Credit.Statements;

namespace OnboardingWorkflow.Credit.Tests.TestSupport;

/// <summary>Builders for statement test data: a balanced, healthy year that tests adjust with <c>with</c>.</summary>
internal static class Build
{
    /// <summary>
    /// The worked Z'' case of the domain notes: TA 20,000, CA 8,000, CL 3,000, RE 5,000, EBIT 1,500,
    /// equity 10,000, TL 7,000 (TL + equity = 17,000: only the Altman inputs are meaningful here).
    /// </summary>
    public static FinancialYear AltmanWorkedCase() => new()
    {
        Year = 2025,
        TotalAssets = 20_000m,
        CurrentAssets = 8_000m,
        CurrentLiabilities = 3_000m,
        RetainedEarnings = 5_000m,
        Ebit = 1_500m,
        Equity = 10_000m,
        TotalLiabilities = 7_000m,
    };

    public static FinancialYear Year(int year = 2025) => new()
    {
        Year = year,
        Cash = 100m,
        Receivables = 200m,
        Inventory = 150m,
        CurrentAssets = 500m,
        IntangibleAssets = 50m,
        TotalAssets = 1_000m,
        CurrentLiabilities = 250m,
        TotalLiabilities = 400m,
        Equity = 600m,
        RetainedEarnings = 300m,
        Revenue = 1_460m,
        CostOfSales = 1_000m,
        OperatingProfit = 146m,
        Ebit = 140m,
        InterestExpense = 20m,
        NetIncome = 73m,
        OperatingCashFlow = 125m,
    };

    public static FinancialStatements Statements(params FinancialYear[] years) => new() { Currency = "CNY", Years = years };
}
