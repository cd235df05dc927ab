using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OnboardingWorkflow.Web.Cases;

/// <summary>A statement line of the grid: its name in the statements JSON, and what the credit library requires of it.</summary>
public sealed record StatementLine(string Name, bool Required = false, bool NotNegative = false);

/// <summary>
/// Financial statements typed into a grid: one column per fiscal year, one row per statement line
/// the credit library reads (<c>FinancialYear</c>). Cells are text as the user typed them, read
/// with the user's culture; the sheet checks what can be checked per cell (a number, required,
/// not negative, the year) and builds the JSON body the use case takes. The use case validates
/// again (balance, consistency) and its errors (<c>statements.years[i].line</c>) map back to cells.
/// </summary>
public sealed partial class StatementsSheet
{
    public const int MaxYears = 5;

    public static readonly IReadOnlyList<StatementLine> Lines =
    [
        new("cash", NotNegative: true), new("receivables", NotNegative: true), new("inventory", NotNegative: true),
        new("currentAssets", NotNegative: true), new("intangibleAssets", NotNegative: true), new("totalAssets", Required: true, NotNegative: true),
        new("currentLiabilities", NotNegative: true), new("totalLiabilities", Required: true, NotNegative: true), new("equity", Required: true),
        new("retainedEarnings"), new("marketValueOfEquity"),
        new("revenue", Required: true, NotNegative: true), new("costOfSales"), new("operatingProfit"), new("ebit"),
        new("interestExpense", NotNegative: true), new("netIncome"), new("operatingCashFlow"),
    ];

    private readonly List<Dictionary<string, string?>> _cells = [];

    public StatementsSheet(int latestYear, int years = 2)
    {
        for (var i = 0; i < years; i++)
        {
            AddYear(latestYear - i);
        }
    }

    public string Currency { get; set; } = "CNY";

    /// <summary>The years, one per column, as typed.</summary>
    public List<int?> Years { get; } = [];

    public int Columns => Years.Count;

    public string? this[int column, string line]
    {
        get => _cells[column].GetValueOrDefault(line);
        set => _cells[column][line] = value;
    }

    public void AddYear(int? year)
    {
        if (Years.Count < MaxYears)
        {
            Years.Add(year);
            _cells.Add(new Dictionary<string, string?>(StringComparer.Ordinal));
        }
    }

    public void RemoveYear(int column)
    {
        if (Years.Count > 1)
        {
            Years.RemoveAt(column);
            _cells.RemoveAt(column);
        }
    }

    /// <summary>Every problem of the sheet, keyed like the use case's errors: <c>currency</c>, <c>years[i].year</c>, <c>years[i].line</c>.</summary>
    public IReadOnlyList<FormError> Check(int latestYear, CultureInfo culture)
    {
        var errors = new List<FormError>();
        if (string.IsNullOrWhiteSpace(Currency) || !CurrencyPattern().IsMatch(Currency.Trim()))
        {
            errors.Add(new("currency", "Statements.CurrencyFormat"));
        }

        for (var i = 0; i < Years.Count; i++)
        {
            if (Years[i] is not { } year || year < 1900 || year > latestYear)
            {
                errors.Add(new($"years[{i}].year", "Form.Range", 1900, latestYear));
            }
            else if (Years.Take(i).Contains(year))
            {
                errors.Add(new($"years[{i}].year", "Statements.DuplicateYear"));
            }

            foreach (var line in Lines)
            {
                var field = $"years[{i}].{line.Name}";
                var text = this[i, line.Name];
                if (string.IsNullOrWhiteSpace(text))
                {
                    if (line.Required)
                    {
                        errors.Add(new(field, "Form.Required"));
                    }
                }
                else if (!TryRead(text, culture, out var value))
                {
                    errors.Add(new(field, "Statements.NotANumber"));
                }
                else if (line.NotNegative && value < 0m)
                {
                    errors.Add(new(field, "Statements.NotNegative"));
                }
            }
        }

        return errors;
    }

    /// <summary>The body the use case takes: <c>{ currency, years: [ { year, line: amount, ... } ] }</c>; call after <see cref="Check"/> found nothing.</summary>
    public JsonElement ToJson(CultureInfo culture)
    {
        var years = new List<Dictionary<string, object?>>();
        for (var i = 0; i < Years.Count; i++)
        {
            var year = new Dictionary<string, object?> { ["year"] = Years[i] };
            foreach (var line in Lines)
            {
                if (TryRead(this[i, line.Name], culture, out var value))
                {
                    year[line.Name] = value;
                }
            }

            years.Add(year);
        }

        return JsonSerializer.SerializeToElement(new { currency = Currency.Trim().ToUpperInvariant(), years });
    }

    /// <summary>The grid key of a use-case error such as <c>statements.years[1].totalAssets</c>: <c>years[1].totalAssets</c>.</summary>
    public static string FieldOf(string useCaseField) =>
        useCaseField.StartsWith("statements.", StringComparison.Ordinal) ? useCaseField["statements.".Length..] : useCaseField;

    /// <summary>An amount as typed: group separators and spaces allowed, the culture's decimal separator.</summary>
    public static bool TryRead(string? text, CultureInfo culture, out decimal value)
    {
        value = 0m;
        return !string.IsNullOrWhiteSpace(text)
            && decimal.TryParse(text.Trim().Replace(" ", "", StringComparison.Ordinal), NumberStyles.Number, culture, out value);
    }

    [GeneratedRegex("^[A-Za-z]{3}$")]
    private static partial Regex CurrencyPattern();
}
