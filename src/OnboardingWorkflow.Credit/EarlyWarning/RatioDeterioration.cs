using OnboardingWorkflow.Credit.Ratios;
using OnboardingWorkflow.Credit.Statements;

namespace OnboardingWorkflow.Credit.EarlyWarning;

/// <summary>A key ratio of the latest year against the year before, and whether it moved the wrong way by at least the policy's share.</summary>
public sealed record RatioMovement(string Key, double Before, double Now, bool Deteriorated);

/// <summary>
/// Compares the key solvency, profitability and cash-flow ratios of the latest year of statements
/// with the year before (the early-warning sign "deteriorating ratios"). A ratio that either year
/// cannot compute is left out; a single year compares nothing (null: not computable).
/// </summary>
public static class RatioDeterioration
{
    /// <summary>The watched ratios and whether a higher value is worse.</summary>
    public static IReadOnlyList<(string Key, bool HigherIsWorse)> Watched { get; } =
    [
        (RatioKeys.CurrentRatio, false),
        (RatioKeys.QuickRatio, false),
        (RatioKeys.DebtRatio, true),
        (RatioKeys.InterestCoverage, false),
        (RatioKeys.NetMargin, false),
        (RatioKeys.OperatingCashFlowToCurrentLiabilities, false),
    ];

    /// <summary>Every watched ratio both years compute; null without two consecutive years.</summary>
    public static IReadOnlyList<RatioMovement>? Compare(FinancialStatements statements, double share)
    {
        if (statements.Latest is not { } latest || statements.YearBefore(latest) is not { } prior)
        {
            return null;
        }

        var now = RatioAnalyzer.Analyze(statements);
        var before = RatioAnalyzer.Analyze(statements with { Years = statements.Years.Where(y => y.Year <= prior.Year).ToList() });
        var movements = new List<RatioMovement>();
        foreach (var (key, higherIsWorse) in Watched)
        {
            if (before.ValueOf(key) is not { } b || now.ValueOf(key) is not { } n)
            {
                continue;
            }

            var worse = higherIsWorse ? n - b : b - n;
            movements.Add(new RatioMovement(key, Math.Round(b, 6), Math.Round(n, 6), worse > 0 && worse >= share * Math.Abs(b)));
        }

        return movements;
    }

    /// <summary>The keys of the deteriorated ratios; null without two consecutive years.</summary>
    public static IReadOnlyList<string>? Deteriorated(FinancialStatements statements, double share) =>
        Compare(statements, share)?.Where(m => m.Deteriorated).Select(m => m.Key).ToList();
}
