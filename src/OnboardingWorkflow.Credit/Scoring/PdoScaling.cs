namespace OnboardingWorkflow.Credit.Scoring;

/// <summary>
/// Points-to-double-odds scaling: factor = PDO / ln 2, offset = S0 - factor x ln(odds0),
/// score = offset + factor x ln(good:bad odds).
/// </summary>
public sealed record PdoScaling
{
    /// <summary>The score S0 that stands for <see cref="TargetOdds"/>.</summary>
    public required double TargetScore { get; init; }

    /// <summary>Good:bad odds odds0 at the target score (50 means 50:1).</summary>
    public required double TargetOdds { get; init; }

    /// <summary>Points that double the odds.</summary>
    public required double Pdo { get; init; }

    public double Factor => Pdo / Math.Log(2);

    public double Offset => TargetScore - (Factor * Math.Log(TargetOdds));

    public double ScoreForOdds(double goodBadOdds) => Offset + (Factor * Math.Log(goodBadOdds));

    public double ScoreForLogOdds(double logOdds) => Offset + (Factor * logOdds);

    public double OddsForScore(double score) => Math.Exp((score - Offset) / Factor);

    /// <summary>Probability of default: 1 / (1 + odds).</summary>
    public double PdForScore(double score) => 1.0 / (1.0 + OddsForScore(score));

    public double ScoreForPd(double pd) => ScoreForOdds((1.0 - pd) / pd);
}
