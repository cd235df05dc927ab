using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Credit.Dunning;
using OnboardingWorkflow.Credit.EarlyWarning;
using OnboardingWorkflow.Credit.Limits;
using OnboardingWorkflow.Credit.Reviews;
using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Policies;

/// <summary>Parses each policy document and checks the rules its format carries beyond JSON shape.</summary>
public static class PolicyDocuments
{
    public static ScorecardPolicy Scorecard(string json, string name = "scorecard policy") => ScorecardPolicyDocument.Parse(json, name);

    public static LimitPolicy Limits(string json, string name = "limit policy")
    {
        var policy = CreditJson.Deserialize<LimitPolicy>(json, name);
        var errors = new List<string>();
        errors.AddRange(Enum.GetValues<Grade>().Where(g => policy.GradeMaximums.Count(m => m.Grade == g) != 1).Select(g => $"gradeMaximums: grade {g} must appear exactly once"));
        errors.AddRange(Enum.GetValues<RiskTier>().Where(t => policy.TierTerms.Count(m => m.Tier == t) != 1).Select(t => $"tierTerms: tier {t} must appear exactly once"));
        errors.AddRange(policy.TierTerms.Where(t => t.MaxTermsDays < 0 || t.PrepaymentShare is < 0 or > 1).Select(t => $"tierTerms ({t.Tier}): terms cannot be negative and the prepayment share must lie in [0, 1]"));
        if (new[] { policy.TangibleNetWorthShare, policy.WorkingCapitalShare, policy.MonthlySalesShare, policy.ConcentrationShare }.Any(s => s is < 0 or > 1))
        {
            errors.Add("the capacity and concentration shares must lie in [0, 1]");
        }

        return Checked(policy, errors, name);
    }

    public static AuthorityPolicy Authority(string json, string name = "authority policy")
    {
        var policy = CreditJson.Deserialize<AuthorityPolicy>(json, name);
        var errors = new List<string>();
        foreach (var rule in policy.Rules)
        {
            if (!policy.Roles.Any(r => string.Equals(r.Role, rule.Role, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"rules ({rule.Id}): role '{rule.Role}' is not defined under roles");
            }

            if (rule.Count < 1 || (rule.CommitteeSize is { } size && size < rule.Count))
            {
                errors.Add($"rules ({rule.Id}): count must be at least 1 and not above the committee size");
            }
        }

        if (policy.Rules.Count == 0 || policy.Rules[^1] is not { MaxExposure: null, Tiers: null, Exception: null })
        {
            errors.Add("rules: the last rule must have no conditions so that every case finds an approver");
        }

        return Checked(policy, errors, name);
    }

    public static ReviewPolicy Review(string json, string name = "review policy")
    {
        var policy = CreditJson.Deserialize<ReviewPolicy>(json, name);
        var errors = Enum.GetValues<RiskTier>()
            .Where(t => policy.Cycles.Count(c => c.Tier == t && c.Months > 0) != 1)
            .Select(t => $"cycles: tier {t} needs exactly one cycle of at least one month")
            .ToList();
        return Checked(policy, errors, name);
    }

    public static EarlyWarningPolicy EarlyWarning(string json, string name = "early-warning policy")
    {
        var policy = CreditJson.Deserialize<EarlyWarningPolicy>(json, name);
        var errors = policy.Thresholds
            .Where(t => t.Direction == Direction.HigherIsWorse ? t.Alert < t.Warning : t.Alert > t.Warning)
            .Select(t => $"thresholds ({t.Indicator}): the alert threshold must be at least as severe as the warning threshold")
            .ToList();
        errors.AddRange(policy.Thresholds.GroupBy(t => t.Indicator).Where(g => g.Count() > 1)
            .Select(g => $"thresholds ({g.Key}): an indicator has one threshold entry"));
        if (policy.RatioDeteriorationShare is <= 0 or > 1)
        {
            errors.Add("ratioDeteriorationShare must lie in (0, 1]");
        }

        return Checked(policy, errors, name);
    }

    public static DunningPolicy Dunning(string json, string name = "dunning policy")
    {
        var policy = CreditJson.Deserialize<DunningPolicy>(json, name);
        _ = new DunningEvaluator(policy);
        return policy;
    }

    private static T Checked<T>(T policy, List<string> errors, string name) =>
        errors.Count == 0 ? policy : throw new PolicyFormatException($"{name}: {string.Join("; ", errors)}");
}
