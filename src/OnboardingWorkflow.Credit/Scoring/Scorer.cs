namespace OnboardingWorkflow.Credit.Scoring;

/// <summary>Scores a set of facts against a scorecard policy.</summary>
public static class Scorer
{
    public const string MissingBin = "missing";
    public const string UnmatchedBin = "no bin matched";

    public static ScoreResult Score(ScorecardPolicy policy, IReadOnlyDictionary<string, FactValue> facts)
    {
        var lines = new List<CharacteristicScore>(policy.Characteristics.Count);
        var total = policy.BasePoints;
        foreach (var characteristic in policy.Characteristics)
        {
            var value = facts.GetValueOrDefault(characteristic.Key);
            var (bin, binPoints) = Place(characteristic, value);
            var points = characteristic.Weight * binPoints;
            total += points;
            lines.Add(new(characteristic.Key, characteristic.Label, value.ToString(), bin, characteristic.Weight, binPoints, Math.Round(points, 4)));
        }

        var fired = policy.KnockOuts
            .Where(rule => Fires(rule, facts.GetValueOrDefault(rule.Key)))
            .Select(rule => new FiredKnockOut(rule.Id, rule.Key, facts.GetValueOrDefault(rule.Key).ToString(), rule.Reason))
            .ToList();

        var grade = GradeOf(policy, total);
        return new ScoreResult
        {
            PolicyId = policy.PolicyId,
            PolicyVersion = policy.Version,
            Score = Math.Round(total, 2),
            ProbabilityOfDefault = policy.Scaling.PdForScore(total),
            Grade = grade,
            Tier = TierOf(policy, grade),
            Decision = fired.Count > 0 ? ScoreDecision.Reject : ScoreDecision.Proceed,
            BasePoints = policy.BasePoints,
            Characteristics = lines,
            KnockOuts = fired,
        };
    }

    public static Grade GradeOf(ScorecardPolicy policy, double score) =>
        policy.GradeBands.FirstOrDefault(b => score >= b.MinScore)?.Grade ?? policy.GradeBands[^1].Grade;

    public static RiskTier TierOf(ScorecardPolicy policy, Grade grade) =>
        policy.Tiers.FirstOrDefault(t => t.Grades.Contains(grade))?.Tier
        ?? throw new PolicyFormatException($"policy {policy.PolicyId} maps grade {grade} to no tier");

    internal static (string Bin, double Points) Place(Characteristic characteristic, FactValue value)
    {
        var (bin, points, outcome) = Find(characteristic, value);
        return (bin?.Describe() ?? outcome, points);
    }

    /// <summary>The points alone, without describing the bin: the fitter calls this for every row.</summary>
    internal static double PointsFor(Characteristic characteristic, FactValue value) => Find(characteristic, value).Points;

    private static (Bin? Bin, double Points, string Outcome) Find(Characteristic characteristic, FactValue value)
    {
        if (value.IsMissing)
        {
            return (null, characteristic.MissingPoints, MissingBin);
        }

        if (characteristic.Kind == CharacteristicKind.Numeric)
        {
            if (value.AsNumber is not { } number)
            {
                return (null, characteristic.UnmatchedPoints, UnmatchedBin);
            }

            foreach (var bin in characteristic.Bins)
            {
                if (bin.Contains(number))
                {
                    return (bin, bin.Points, "");
                }
            }
        }
        else
        {
            var text = value.Text ?? value.ToString();
            foreach (var bin in characteristic.Bins)
            {
                if (bin.Contains(text))
                {
                    return (bin, bin.Points, "");
                }
            }
        }

        return (null, characteristic.UnmatchedPoints, UnmatchedBin);
    }

    private static bool Fires(KnockOutRule rule, FactValue value)
    {
        if (value.IsMissing)
        {
            return false;
        }

        return rule.Operator switch
        {
            KnockOutOperator.IsTrue => value.IsTrue,
            KnockOutOperator.Equals => rule.Text is not null
                ? string.Equals(value.Text ?? value.ToString(), rule.Text, StringComparison.OrdinalIgnoreCase)
                : value.AsNumber == rule.Value,
            KnockOutOperator.GreaterThan => value.AsNumber > rule.Value,
            KnockOutOperator.AtLeast => value.AsNumber >= rule.Value,
            KnockOutOperator.LessThan => value.AsNumber < rule.Value,
            KnockOutOperator.AtMost => value.AsNumber <= rule.Value,
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Operator, "unknown knock-out operator"),
        };
    }
}
