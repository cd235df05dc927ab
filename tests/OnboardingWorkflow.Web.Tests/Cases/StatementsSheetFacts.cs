using System.Globalization;
using OnboardingWorkflow.Web.Cases;

namespace OnboardingWorkflow.Web.Tests.Cases;

/// <summary>The statements grid reads amounts in the user's culture, checks each cell and builds the use case's body.</summary>
public sealed class StatementsSheetFacts
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    private static StatementsSheet Filled()
    {
        var sheet = new StatementsSheet(2025);
        for (var c = 0; c < 2; c++)
        {
            sheet[c, "totalAssets"] = "10,000,000";
            sheet[c, "totalLiabilities"] = "4,000,000";
            sheet[c, "equity"] = "6,000,000";
            sheet[c, "revenue"] = "12,500,000.50";
        }

        return sheet;
    }

    [Fact]
    public void A_complete_sheet_has_no_errors_and_becomes_the_use_cases_json()
    {
        var sheet = Filled();
        sheet[0, "netIncome"] = "-250,000";

        Assert.Empty(sheet.Check(2026, English));
        var json = sheet.ToJson(English);

        Assert.Equal("CNY", json.GetProperty("currency").GetString());
        var years = json.GetProperty("years").EnumerateArray().ToList();
        Assert.Equal([2025, 2024], years.Select(y => y.GetProperty("year").GetInt32()));
        Assert.Equal(12_500_000.50m, years[0].GetProperty("revenue").GetDecimal());
        Assert.Equal(-250_000m, years[0].GetProperty("netIncome").GetDecimal());
        Assert.False(years[1].TryGetProperty("netIncome", out _));
    }

    [Fact]
    public void Each_cell_at_fault_is_named_like_the_use_cases_errors()
    {
        var sheet = Filled();
        sheet[0, "totalAssets"] = null;
        sheet[1, "cash"] = "-5";
        sheet[1, "revenue"] = "lots";
        sheet.Years[1] = 2025;
        sheet.Currency = "yuan";

        var errors = sheet.Check(2026, English).Select(e => (e.Field, e.Key)).ToList();

        Assert.Contains(("years[0].totalAssets", "Form.Required"), errors);
        Assert.Contains(("years[1].cash", "Statements.NotNegative"), errors);
        Assert.Contains(("years[1].revenue", "Statements.NotANumber"), errors);
        Assert.Contains(("years[1].year", "Statements.DuplicateYear"), errors);
        Assert.Contains(("currency", "Statements.CurrencyFormat"), errors);
        Assert.Equal(5, errors.Count);
    }

    [Fact]
    public void Amounts_are_read_in_the_users_culture()
    {
        Assert.True(StatementsSheet.TryRead("1.234.567,89", German, out var german));
        Assert.Equal(1_234_567.89m, german);
        Assert.True(StatementsSheet.TryRead("1 234 567.89", English, out var spaced));
        Assert.Equal(1_234_567.89m, spaced);
        Assert.False(StatementsSheet.TryRead("12abc", English, out _));
    }

    [Fact]
    public void Years_are_added_up_to_five_and_never_fewer_than_one()
    {
        var sheet = new StatementsSheet(2025, years: 1);
        sheet.RemoveYear(0);
        Assert.Equal(1, sheet.Columns);
        for (var i = 0; i < 10; i++)
        {
            sheet.AddYear(2020 - i);
        }

        Assert.Equal(StatementsSheet.MaxYears, sheet.Columns);
        Assert.Equal("years[2].equity", StatementsSheet.FieldOf("statements.years[2].equity"));
    }
}
