namespace OnboardingWorkflow.Credit.Statements;

/// <summary>Checks statements before any ratio is computed: every problem is reported, not just the first.</summary>
public static class StatementValidator
{
    /// <summary>Largest accepted gap between assets and liabilities plus equity, as a share of total assets.</summary>
    public const decimal DefaultBalanceTolerance = 0.01m;

    /// <summary>No statements are older than this fiscal year.</summary>
    public const int EarliestYear = 1900;

    /// <summary>
    /// The largest amount a line may carry, either sign: a thousand trillion, above any company's
    /// figures in any currency, and small enough that every sum and ratio the credit library
    /// computes stays within <see cref="decimal"/> (a sum of two amounts near its maximum would
    /// overflow and fail the case instead of refusing the input).
    /// </summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    public static IReadOnlyList<ValidationError> Validate(
        FinancialStatements statements,
        string path = "statements",
        decimal balanceTolerance = DefaultBalanceTolerance,
        int? latestYear = null)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(statements.Currency))
        {
            errors.Add(new($"{path}.currency", "is required (an ISO 4217 code such as CNY or EUR)"));
        }

        if (statements.Years is null || statements.Years.Count == 0)
        {
            errors.Add(new($"{path}.years", "at least one year of statements is required"));
            return errors;
        }

        for (var i = 0; i < statements.Years.Count; i++)
        {
            var year = statements.Years[i].Year;
            if (year < EarliestYear || year > (latestYear ?? int.MaxValue))
            {
                errors.Add(new($"{path}.years[{i}].year", $"must be between {EarliestYear} and {latestYear?.ToString() ?? "now"}, was {year}"));
            }

            ValidateYear(statements.Years[i], $"{path}.years[{i}]", balanceTolerance, errors);
        }

        foreach (var duplicate in statements.Years.GroupBy(y => y.Year).Where(g => g.Count() > 1))
        {
            errors.Add(new($"{path}.years", $"year {duplicate.Key} appears {duplicate.Count()} times"));
        }

        return errors;
    }

    private static void ValidateYear(FinancialYear year, string path, decimal tolerance, List<ValidationError> errors)
    {
        var outOfRange = Amounts(year).Where(a => a.Value is { } v && Math.Abs(v) > MaxAmount).ToList();
        foreach (var (field, value) in outOfRange)
        {
            errors.Add(new($"{path}.{field}", $"must be between -{MaxAmount:0} and {MaxAmount:0}, was {value}"));
        }

        if (outOfRange.Count > 0)
        {
            // The checks below add and compare amounts; with one out of range they could overflow.
            return;
        }

        Required(year.TotalAssets, "totalAssets");
        Required(year.TotalLiabilities, "totalLiabilities");
        Required(year.Equity, "equity");
        Required(year.Revenue, "revenue");

        if (year.TotalAssets is <= 0m)
        {
            errors.Add(new($"{path}.totalAssets", $"must be positive, was {year.TotalAssets}"));
        }

        NotNegative(year.Cash, "cash");
        NotNegative(year.Receivables, "receivables");
        NotNegative(year.Inventory, "inventory");
        NotNegative(year.CurrentAssets, "currentAssets");
        NotNegative(year.IntangibleAssets, "intangibleAssets");
        NotNegative(year.CurrentLiabilities, "currentLiabilities");
        NotNegative(year.TotalLiabilities, "totalLiabilities");
        NotNegative(year.Revenue, "revenue");
        NotNegative(year.InterestExpense, "interestExpense");

        if (year.CurrentAssets is { } ca && year.TotalAssets is { } ta && ta > 0m && ca > ta)
        {
            errors.Add(new($"{path}.currentAssets", $"{ca} exceeds totalAssets {ta}"));
        }

        if (year.CurrentLiabilities is { } cl && year.TotalLiabilities is { } tl && cl > tl)
        {
            errors.Add(new($"{path}.currentLiabilities", $"{cl} exceeds totalLiabilities {tl}"));
        }

        if (year.TotalAssets is { } assets && assets > 0m && year.TotalLiabilities is { } liabilities && year.Equity is { } equity)
        {
            var gap = Math.Abs(liabilities + equity - assets);
            if (gap > tolerance * assets)
            {
                errors.Add(new(
                    $"{path}.equity",
                    $"totalLiabilities + equity = {liabilities + equity} differs from totalAssets {assets} by {gap} " +
                    $"(more than {tolerance:P1} of total assets)"));
            }
        }

        void Required(decimal? value, string field)
        {
            if (value is null)
            {
                errors.Add(new($"{path}.{field}", "is required"));
            }
        }

        void NotNegative(decimal? value, string field)
        {
            if (value is < 0m)
            {
                errors.Add(new($"{path}.{field}", $"cannot be negative, was {value}"));
            }
        }
    }

    /// <summary>Every amount of a year with its field name as the statements JSON names it.</summary>
    private static IEnumerable<(string Field, decimal? Value)> Amounts(FinancialYear y) =>
    [
        ("cash", y.Cash), ("receivables", y.Receivables), ("inventory", y.Inventory), ("currentAssets", y.CurrentAssets),
        ("intangibleAssets", y.IntangibleAssets), ("totalAssets", y.TotalAssets), ("currentLiabilities", y.CurrentLiabilities),
        ("totalLiabilities", y.TotalLiabilities), ("equity", y.Equity), ("retainedEarnings", y.RetainedEarnings),
        ("marketValueOfEquity", y.MarketValueOfEquity), ("revenue", y.Revenue), ("costOfSales", y.CostOfSales),
        ("operatingProfit", y.OperatingProfit), ("ebit", y.Ebit), ("interestExpense", y.InterestExpense), ("netIncome", y.NetIncome),
        ("operatingCashFlow", y.OperatingCashFlow),
    ];
}
