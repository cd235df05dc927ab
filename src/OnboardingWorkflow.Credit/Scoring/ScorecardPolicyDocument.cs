namespace OnboardingWorkflow.Credit.Scoring;

/// <summary>Reads, checks and writes scorecard policy JSON; a default policy and a fitted one share this format.</summary>
public static class ScorecardPolicyDocument
{
    public static ScorecardPolicy Parse(string json, string documentName = "scorecard policy")
    {
        var policy = CreditJson.Deserialize<ScorecardPolicy>(json, documentName);
        var errors = Validate(policy);
        if (errors.Count > 0)
        {
            throw new PolicyFormatException($"{documentName}: {string.Join("; ", errors)}");
        }

        return policy;
    }

    public static string ToJson(ScorecardPolicy policy) => CreditJson.Serialize(policy);

    public static IReadOnlyList<string> Validate(ScorecardPolicy policy)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(policy.PolicyId))
        {
            errors.Add("policyId is required");
        }

        if (string.IsNullOrWhiteSpace(policy.Version))
        {
            errors.Add("version is required");
        }

        if (policy.Scaling.Pdo <= 0 || policy.Scaling.TargetOdds <= 0)
        {
            errors.Add("scaling.pdo and scaling.targetOdds must be positive");
        }

        if (policy.Characteristics.Count == 0)
        {
            errors.Add("characteristics: at least one is required");
        }

        foreach (var duplicate in policy.Characteristics.GroupBy(c => c.Key).Where(g => g.Count() > 1))
        {
            errors.Add($"characteristics: key '{duplicate.Key}' appears {duplicate.Count()} times");
        }

        for (var i = 0; i < policy.Characteristics.Count; i++)
        {
            ValidateCharacteristic(policy.Characteristics[i], $"characteristics[{i}] ({policy.Characteristics[i].Key})", errors);
        }

        for (var i = 0; i < policy.KnockOuts.Count; i++)
        {
            var rule = policy.KnockOuts[i];
            var numeric = rule.Operator is KnockOutOperator.GreaterThan or KnockOutOperator.AtLeast or KnockOutOperator.LessThan or KnockOutOperator.AtMost;
            if (numeric && rule.Value is null)
            {
                errors.Add($"knockOuts[{i}] ({rule.Id}): operator {rule.Operator} needs a numeric value");
            }

            if (rule.Operator == KnockOutOperator.Equals && rule.Value is null && rule.Text is null)
            {
                errors.Add($"knockOuts[{i}] ({rule.Id}): operator equals needs a value or a text");
            }
        }

        var grades = policy.GradeBands.Select(b => b.Grade).ToList();
        if (!grades.SequenceEqual(Enum.GetValues<Grade>()))
        {
            errors.Add($"gradeBands must list all nine grades best first (AAA ... C), found [{string.Join(", ", grades)}]");
        }

        for (var i = 1; i < policy.GradeBands.Count; i++)
        {
            if (policy.GradeBands[i].MinScore >= policy.GradeBands[i - 1].MinScore)
            {
                errors.Add($"gradeBands[{i}] ({policy.GradeBands[i].Grade}): minScore must be below that of {policy.GradeBands[i - 1].Grade}");
            }
        }

        foreach (var grade in Enum.GetValues<Grade>())
        {
            var count = policy.Tiers.Count(t => t.Grades.Contains(grade));
            if (count != 1)
            {
                errors.Add($"tiers: grade {grade} must belong to exactly one tier, belongs to {count}");
            }
        }

        return errors;
    }

    private static void ValidateCharacteristic(Characteristic characteristic, string path, List<string> errors)
    {
        if (characteristic.Bins.Count == 0)
        {
            errors.Add($"{path}: at least one bin is required");
        }

        for (var j = 0; j < characteristic.Bins.Count; j++)
        {
            var bin = characteristic.Bins[j];
            if (characteristic.Kind == CharacteristicKind.Categorical && (bin.Values is null || bin.Values.Count == 0))
            {
                errors.Add($"{path}.bins[{j}]: a categorical bin needs values");
            }

            if (characteristic.Kind == CharacteristicKind.Numeric && bin.Min is { } min && bin.Max is { } max && min >= max)
            {
                errors.Add($"{path}.bins[{j}]: min {min} must be below max {max}");
            }
        }

        if (characteristic.Kind == CharacteristicKind.Numeric)
        {
            var ordered = characteristic.Bins.OrderBy(b => b.Min ?? double.NegativeInfinity).ToList();
            for (var j = 1; j < ordered.Count; j++)
            {
                if ((ordered[j - 1].Max ?? double.PositiveInfinity) > (ordered[j].Min ?? double.NegativeInfinity))
                {
                    errors.Add($"{path}: bins {ordered[j - 1].Describe()} and {ordered[j].Describe()} overlap");
                }
            }
        }
    }
}
