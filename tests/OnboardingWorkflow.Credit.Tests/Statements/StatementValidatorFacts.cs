using OnboardingWorkflow.Credit.Statements;
using OnboardingWorkflow.Credit.Tests.TestSupport;

namespace OnboardingWorkflow.Credit.Tests.Statements;

public class StatementValidatorFacts
{
    [Fact]
    public void Validate_ReturnsNoErrors_ForBalancedStatements()
    {
        Assert.Empty(StatementValidator.Validate(Build.Statements(Build.Year(2025), Build.Year(2024))));
    }

    [Fact]
    public void Validate_NamesTheField_WhenTotalAssetsAreNegative()
    {
        var errors = StatementValidator.Validate(Build.Statements(Build.Year() with { TotalAssets = -5m }));

        Assert.Contains(errors, e => e.Field == "statements.years[0].totalAssets" && e.Message.Contains("positive"));
    }

    [Fact]
    public void Validate_ReportsImbalance_WhenLiabilitiesPlusEquityMissTotalAssetsBeyondTolerance()
    {
        var errors = StatementValidator.Validate(Build.Statements(Build.Year() with { Equity = 580m }));

        var error = Assert.Single(errors);
        Assert.Equal("statements.years[0].equity", error.Field);
        Assert.Contains("differs from totalAssets", error.Message);
    }

    [Fact]
    public void Validate_AcceptsImbalance_WithinOnePercentOfTotalAssets()
    {
        Assert.Empty(StatementValidator.Validate(Build.Statements(Build.Year() with { Equity = 609m })));
    }

    [Theory]
    [InlineData("totalAssets")]
    [InlineData("totalLiabilities")]
    [InlineData("equity")]
    [InlineData("revenue")]
    public void Validate_ReportsMissingMandatoryFigure(string field)
    {
        var year = field switch
        {
            "totalAssets" => Build.Year() with { TotalAssets = null },
            "totalLiabilities" => Build.Year() with { TotalLiabilities = null },
            "equity" => Build.Year() with { Equity = null },
            _ => Build.Year() with { Revenue = null },
        };

        var errors = StatementValidator.Validate(Build.Statements(year));

        Assert.Contains(errors, e => e.Field == $"statements.years[0].{field}" && e.Message == "is required");
    }

    [Fact]
    public void Validate_ReportsEveryProblem_NotOnlyTheFirst()
    {
        var year = Build.Year() with { Cash = -1m, CurrentAssets = 2_000m, Revenue = null };

        var fields = StatementValidator.Validate(Build.Statements(year)).Select(e => e.Field).ToList();

        Assert.Contains("statements.years[0].cash", fields);
        Assert.Contains("statements.years[0].currentAssets", fields);
        Assert.Contains("statements.years[0].revenue", fields);
    }

    [Fact]
    public void Validate_ReportsDuplicateYears_AndMissingCurrency()
    {
        var statements = new FinancialStatements { Currency = " ", Years = [Build.Year(2025), Build.Year(2025)] };

        var errors = StatementValidator.Validate(statements);

        Assert.Contains(errors, e => e.Field == "statements.currency");
        Assert.Contains(errors, e => e.Field == "statements.years" && e.Message.Contains("2025"));
    }

    [Fact]
    public void Validate_RequiresAtLeastOneYear()
    {
        var error = Assert.Single(StatementValidator.Validate(Build.Statements()));
        Assert.Equal("statements.years", error.Field);
    }

    [Fact]
    public void Validate_AcceptsNegativeEquity_WhenTheBalanceSheetBalances()
    {
        var insolvent = Build.Year() with { TotalLiabilities = 1_200m, Equity = -200m, CurrentLiabilities = 900m };

        Assert.Empty(StatementValidator.Validate(Build.Statements(insolvent)));
    }

    [Fact]
    public void Validate_RefusesAmountsBeyondTheBound_InsteadOfOverflowingOnTheirSum()
    {
        // Each is a valid decimal; their sum (the balance check) is not.
        var huge = decimal.MaxValue;
        var errors = StatementValidator.Validate(Build.Statements(Build.Year() with { TotalAssets = huge, TotalLiabilities = huge, Equity = huge, Revenue = -5_000_000_000_000_000m }));

        Assert.Equal(
            ["statements.years[0].equity", "statements.years[0].revenue", "statements.years[0].totalAssets", "statements.years[0].totalLiabilities"],
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.StartsWith($"must be between -{StatementValidator.MaxAmount:0} and {StatementValidator.MaxAmount:0}", e.Message));
    }

    [Fact]
    public void Validate_AcceptsAmountsUpToTheBound()
    {
        var max = StatementValidator.MaxAmount;
        Assert.Empty(StatementValidator.Validate(Build.Statements(Build.Year() with { TotalAssets = max, TotalLiabilities = max / 2, Equity = max / 2, Revenue = max })));
    }
}
