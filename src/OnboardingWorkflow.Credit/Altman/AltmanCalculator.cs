using OnboardingWorkflow.Credit.Statements;

namespace OnboardingWorkflow.Credit.Altman;

/// <summary>
/// The Altman Z family. X1 = working capital / TA, X2 = retained earnings / TA, X3 = EBIT / TA,
/// X4 = equity (market for Z, book for Z' and Z'') / TL, X5 = sales / TA.
/// </summary>
public static class AltmanCalculator
{
    public static IReadOnlyList<AltmanResult> ComputeAll(FinancialYear year) =>
        [Compute(year, AltmanModel.Z), Compute(year, AltmanModel.ZPrime), Compute(year, AltmanModel.ZDoublePrime)];

    public static AltmanResult Compute(FinancialYear year, AltmanModel model)
    {
        if (year.TotalAssets is not { } ta || ta <= 0m)
        {
            return NotComputable(model, Reason.Of(year.TotalAssets is null ? Reason.Missing : Reason.NotPositive, "totalAssets"));
        }

        if (year.TotalLiabilities is not { } tl)
        {
            return NotComputable(model, Reason.Of(Reason.Missing, "totalLiabilities"));
        }

        if (tl == 0m)
        {
            return NotComputable(model, Reason.Of(Reason.ZeroLiabilities, "totalLiabilities"));
        }

        if (year.CurrentAssets is null || year.CurrentLiabilities is null)
        {
            return NotComputable(model, Reason.Of(Reason.MissingWorkingCapital, year.CurrentAssets is null ? "currentAssets" : "currentLiabilities"));
        }

        if (year.RetainedEarnings is null)
        {
            return NotComputable(model, Reason.Of(Reason.Missing, "retainedEarnings"));
        }

        if (year.Ebit is null)
        {
            return NotComputable(model, Reason.Of(Reason.Missing, "ebit"));
        }

        decimal? equity = model == AltmanModel.Z ? year.MarketValueOfEquity : year.Equity;
        if (equity is null)
        {
            return NotComputable(model, model == AltmanModel.Z ? Reason.Of(Reason.MissingMarketValue, "marketValueOfEquity") : Reason.Of(Reason.Missing, "equity"));
        }

        if (model != AltmanModel.ZDoublePrime && year.Revenue is null)
        {
            return NotComputable(model, Reason.Of(Reason.Missing, "revenue"));
        }

        var assets = (double)ta;
        var x1 = (double)(year.CurrentAssets.Value - year.CurrentLiabilities.Value) / assets;
        var x2 = (double)year.RetainedEarnings.Value / assets;
        var x3 = (double)year.Ebit.Value / assets;
        var x4 = (double)equity.Value / (double)tl;
        var x5 = year.Revenue is { } revenue ? (double)revenue / assets : 0d;
        var score = Score(model, x1, x2, x3, x4, x5);
        var inputs = new Dictionary<string, double> { ["x1"] = x1, ["x2"] = x2, ["x3"] = x3, ["x4"] = x4 };
        if (model != AltmanModel.ZDoublePrime)
        {
            inputs["x5"] = x5;
        }

        return new AltmanResult(model, score, ZoneOf(model, score), inputs, null);
    }

    /// <summary>The model's formula on ratios already computed (x5 is ignored by Z'').</summary>
    public static double Score(AltmanModel model, double x1, double x2, double x3, double x4, double x5) => model switch
    {
        AltmanModel.Z => (1.2 * x1) + (1.4 * x2) + (3.3 * x3) + (0.6 * x4) + (1.0 * x5),
        AltmanModel.ZPrime => (0.717 * x1) + (0.847 * x2) + (3.107 * x3) + (0.420 * x4) + (0.998 * x5),
        AltmanModel.ZDoublePrime => (6.56 * x1) + (3.26 * x2) + (6.72 * x3) + (1.05 * x4),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
    };

    /// <summary>Safe above the upper cut-off, distress below the lower one, grey in between (cut-offs included).</summary>
    public static AltmanZone ZoneOf(AltmanModel model, double score)
    {
        var (distressBelow, safeAbove) = CutOffs(model);
        return score > safeAbove ? AltmanZone.Safe : score < distressBelow ? AltmanZone.Distress : AltmanZone.Grey;
    }

    public static (double DistressBelow, double SafeAbove) CutOffs(AltmanModel model) => model switch
    {
        AltmanModel.Z => (1.81, 2.99),
        AltmanModel.ZPrime => (1.23, 2.9),
        AltmanModel.ZDoublePrime => (1.10, 2.60),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
    };

    private static AltmanResult NotComputable(AltmanModel model, Reason why) => new(model, null, null, null, why);
}
