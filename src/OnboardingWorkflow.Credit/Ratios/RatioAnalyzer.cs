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
            Divide(RatioKeys.QuickRatio, RatioGroup.Solvency, Sum(year.Cash, year.Receivables), year.Cash is null ? "cash" : "receivables", year.CurrentLiabilities, "currentLiabilities"),
            Divide(RatioKeys.DebtRatio, RatioGroup.Solvency, year.TotalLiabilities, "totalLiabilities", year.TotalAssets, "totalAssets"),
            Divide(RatioKeys.DebtToEquity, RatioGroup.Solvency, year.TotalLiabilities, "totalLiabilities", year.Equity, "equity", positiveBase: true),
            Divide(RatioKeys.InterestCoverage, RatioGroup.Solvency, year.Ebit, "ebit", year.InterestExpense, "interestExpense"),
            Divide(RatioKeys.CurrentLiabilitiesToNetWorth, RatioGroup.Solvency, year.CurrentLiabilities, "currentLiabilities", year.Equity, "equity", positiveBase: true),
            Divide(RatioKeys.ReceivablesTurnover, RatioGroup.Operations, year.Revenue, "revenue", year.Receivables, "receivables"),
            Divide(RatioKeys.CollectionPeriodDays, RatioGroup.Operations, year.Receivables * 365m, "receivables", year.Revenue, "revenue"),
            Divide(RatioKeys.InventoryTurnover, RatioGroup.Operations, year.CostOfSales, "costOfSales", year.Inventory, "inventory"),
            Divide(RatioKeys.TotalAssetTurnover, RatioGroup.Operations, year.Revenue, "revenue", year.TotalAssets, "totalAssets"),
            Divide(RatioKeys.GrossMargin, RatioGroup.Profitability, year.Revenue - year.CostOfSales, year.CostOfSales is null ? "costOfSales" : "revenue", year.Revenue, "revenue"),
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
        return report with { Signs = WarningSigns(year, report, paymentTermsDays) };
    }

    private static List<Reason> WarningSigns(FinancialYear year, RatioReport report, int? paymentTermsDays)
    {
        var signs = new List<Reason>();
        if (year.Equity is < 0m)
        {
            signs.Add(Reason.Of(Reason.NegativeEquity, year.Equity));
        }

        if (report.ValueOf(RatioKeys.CurrentLiabilitiesToNetWorth) is > CurrentLiabilitiesToNetWorthWarning and var clnw)
        {
            signs.Add(Reason.Of(Reason.HighCurrentLiabilities, clnw, CurrentLiabilitiesToNetWorthWarning));
        }

        if (report.ValueOf(RatioKeys.CurrentRatio) is < 1.0 and var cr)
        {
            signs.Add(Reason.Of(Reason.CurrentRatioBelowOne, cr));
        }

        if (report.ValueOf(RatioKeys.InterestCoverage) is < 1.0 and var ic)
        {
            signs.Add(Reason.Of(Reason.InterestNotCovered, ic));
        }

        if (paymentTermsDays is { } terms
            && report.ValueOf(RatioKeys.CollectionPeriodDays) is { } days
            && days > terms + CollectionDaysBeyondTermsWarning)
        {
            signs.Add(Reason.Of(Reason.SlowCollection, days, CollectionDaysBeyondTermsWarning, terms));
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
        bool positiveBase = false,
        int? ofYear = null)
    {
        // Names are statement lines; a growth ratio's base is a line of the year before.
        Reason Why(string code, string inYear, string line, params object[] more) =>
            ofYear is { } y ? Reason.Of(inYear, [line, y, .. more]) : Reason.Of(code, [line, .. more]);

        if (numerator is null)
        {
            return RatioValue.NotComputable(key, group, Why(Reason.Missing, Reason.MissingInYear, numeratorName));
        }

        if (denominator is null)
        {
            return RatioValue.NotComputable(key, group, Why(Reason.Missing, Reason.MissingInYear, denominatorName));
        }

        if (denominator == 0m)
        {
            return RatioValue.NotComputable(key, group, Why(Reason.Zero, Reason.ZeroInYear, denominatorName));
        }

        if (positiveBase && denominator < 0m)
        {
            return RatioValue.NotComputable(key, group, Why(Reason.Negative, Reason.NegativeInYear, denominatorName, denominator.Value));
        }

        return RatioValue.Of(key, group, (double)numerator.Value / (double)denominator.Value);
    }

    private static RatioValue Growth(string key, FinancialYear year, FinancialYear? prior, Func<FinancialYear, decimal?> figure, string name)
    {
        if (prior is null)
        {
            return RatioValue.NotComputable(key, RatioGroup.Growth, Reason.Of(Reason.NoPriorYear, year.Year - 1));
        }

        var current = figure(year);
        var before = figure(prior);
        if (current is null)
        {
            return RatioValue.NotComputable(key, RatioGroup.Growth, Reason.Of(Reason.MissingInYear, name, year.Year));
        }

        return Divide(key, RatioGroup.Growth, current - before, name, before, name, positiveBase: true, ofYear: prior.Year);
    }

    private static decimal? Sum(decimal? a, decimal? b) => a + b;
}
