using OnboardingWorkflow.Credit.Statements;

namespace OnboardingWorkflow.Credit.Ratios;

/// <summary>
/// Computes the ratio set of the latest year. Any ratio whose inputs are missing, whose
/// denominator is zero, or whose denominator is negative where a negative base makes the ratio
/// meaningless (equity, prior-year base) comes back not computable with the reason.
/// </summary>
public static class RatioAnalyzer
{
    /// <summary>Current liabilities above this share of net worth are a warning sign.</summary>
    public const double CurrentLiabilitiesToNetWorthWarning = 0.80;

    /// <summary>A collection period this many days beyond the payment terms is a warning sign.</summary>
    public const double CollectionDaysBeyondTermsWarning = 15;

    public static RatioReport Analyze(FinancialStatements statements, int? paymentTermsDays = null)
    {
        var year = statements.Latest ?? throw new ArgumentException("statements contain no year", nameof(statements));
        var prior = statements.YearBefore(year);
        var ratios = new List<RatioValue>
        {
            Divide(RatioKeys.CurrentRatio, RatioGroup.Solvency, year.CurrentAssets, "currentAssets", year.CurrentLiabilities, "currentLiabilities"),
            Divide(RatioKeys.QuickRatio, RatioGroup.Solvency, Sum(year.Cash, year.Receivables), "cash + receivables", year.CurrentLiabilities, "currentLiabilities"),
            Divide(RatioKeys.DebtRatio, RatioGroup.Solvency, year.TotalLiabilities, "totalLiabilities", year.TotalAssets, "totalAssets"),
            Divide(RatioKeys.DebtToEquity, RatioGroup.Solvency, year.TotalLiabilities, "totalLiabilities", year.Equity, "equity", positiveBase: true),
            Divide(RatioKeys.InterestCoverage, RatioGroup.Solvency, year.Ebit, "ebit", year.InterestExpense, "interestExpense"),
            Divide(RatioKeys.CurrentLiabilitiesToNetWorth, RatioGroup.Solvency, year.CurrentLiabilities, "currentLiabilities", year.Equity, "equity", positiveBase: true),
            Divide(RatioKeys.ReceivablesTurnover, RatioGroup.Operations, year.Revenue, "revenue", year.Receivables, "receivables"),
            Divide(RatioKeys.CollectionPeriodDays, RatioGroup.Operations, year.Receivables * 365m, "receivables", year.Revenue, "revenue"),
            Divide(RatioKeys.InventoryTurnover, RatioGroup.Operations, year.CostOfSales, "costOfSales", year.Inventory, "inventory"),
            Divide(RatioKeys.TotalAssetTurnover, RatioGroup.Operations, year.Revenue, "revenue", year.TotalAssets, "totalAssets"),
            Divide(RatioKeys.GrossMargin, RatioGroup.Profitability, year.Revenue - year.CostOfSales, MissingName(year.CostOfSales, "costOfSales", "revenue - costOfSales"), year.Revenue, "revenue"),
            Divide(RatioKeys.OperatingMargin, RatioGroup.Profitability, year.OperatingProfit, "operatingProfit", year.Revenue, "revenue"),
            Divide(RatioKeys.NetMargin, RatioGroup.Profitability, year.NetIncome, "netIncome", year.Revenue, "revenue"),
            Divide(RatioKeys.ReturnOnAssets, RatioGroup.Profitability, year.NetIncome, "netIncome", year.TotalAssets, "totalAssets"),
            Divide(RatioKeys.ReturnOnEquity, RatioGroup.Profitability, year.NetIncome, "netIncome", year.Equity, "equity", positiveBase: true),
            Growth(RatioKeys.RevenueGrowth, year, prior, y => y.Revenue, "revenue"),
            Growth(RatioKeys.OperatingProfitGrowth, year, prior, y => y.OperatingProfit, "operatingProfit"),
            Growth(RatioKeys.TotalAssetGrowth, year, prior, y => y.TotalAssets, "totalAssets"),
            Divide(RatioKeys.OperatingCashFlowToCurrentLiabilities, RatioGroup.CashFlow, year.OperatingCashFlow, "operatingCashFlow", year.CurrentLiabilities, "currentLiabilities"),
        };

        var report = new RatioReport(year.Year, ratios, []);
        return report with { WarningSigns = WarningSigns(year, report, paymentTermsDays) };
    }

    private static List<string> WarningSigns(FinancialYear year, RatioReport report, int? paymentTermsDays)
    {
        var signs = new List<string>();
        if (year.Equity is < 0m)
        {
            signs.Add($"negative equity ({year.Equity}): liabilities exceed assets");
        }

        if (report.ValueOf(RatioKeys.CurrentLiabilitiesToNetWorth) is > CurrentLiabilitiesToNetWorthWarning and var clnw)
        {
            signs.Add($"current liabilities are {clnw:P0} of net worth (above {CurrentLiabilitiesToNetWorthWarning:P0})");
        }

        if (report.ValueOf(RatioKeys.CurrentRatio) is < 1.0 and var cr)
        {
            signs.Add($"current ratio {cr:0.00} is below 1: current liabilities exceed current assets");
        }

        if (report.ValueOf(RatioKeys.InterestCoverage) is < 1.0 and var ic)
        {
            signs.Add($"interest coverage {ic:0.00} is below 1: EBIT does not cover interest");
        }

        if (paymentTermsDays is { } terms
            && report.ValueOf(RatioKeys.CollectionPeriodDays) is { } days
            && days > terms + CollectionDaysBeyondTermsWarning)
        {
            signs.Add($"collection period {days:0} days is more than {CollectionDaysBeyondTermsWarning:0} days beyond terms of {terms} days");
        }

        return signs;
    }

    internal static RatioValue Divide(
        string key,
        RatioGroup group,
        decimal? numerator,
        string numeratorName,
        decimal? denominator,
        string denominatorName,
        bool positiveBase = false)
    {
        if (numerator is null)
        {
            return RatioValue.NotComputable(key, group, $"{numeratorName} is missing");
        }

        if (denominator is null)
        {
            return RatioValue.NotComputable(key, group, $"{denominatorName} is missing");
        }

        if (denominator == 0m)
        {
            return RatioValue.NotComputable(key, group, $"{denominatorName} is zero");
        }

        if (positiveBase && denominator < 0m)
        {
            return RatioValue.NotComputable(key, group, $"{denominatorName} is negative ({denominator}): the ratio has no meaning");
        }

        return RatioValue.Of(key, group, (double)numerator.Value / (double)denominator.Value);
    }

    private static RatioValue Growth(string key, FinancialYear year, FinancialYear? prior, Func<FinancialYear, decimal?> figure, string name)
    {
        if (prior is null)
        {
            return RatioValue.NotComputable(key, RatioGroup.Growth, $"growth needs two years: the statements of {year.Year - 1} are missing");
        }

        var current = figure(year);
        var before = figure(prior);
        if (current is null)
        {
            return RatioValue.NotComputable(key, RatioGroup.Growth, $"{name} of {year.Year} is missing");
        }

        return Divide(key, RatioGroup.Growth, current - before, $"{name} of {prior.Year}", before, $"{name} of {prior.Year}", positiveBase: true);
    }

    private static decimal? Sum(decimal? a, decimal? b) => a + b;

    private static string MissingName(decimal? figure, string name, string expression) => figure is null ? name : expression;
}
