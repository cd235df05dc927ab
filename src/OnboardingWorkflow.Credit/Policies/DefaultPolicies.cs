using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Credit.Dunning;
using OnboardingWorkflow.Credit.EarlyWarning;
using OnboardingWorkflow.Credit.Limits;
using OnboardingWorkflow.Credit.Reviews;
using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Policies;

/// <summary>The policies that ship with the library, read from JSON embedded in the assembly.</summary>
public static class DefaultPolicies
{
    public const string ScorecardFile = "default-scorecard.json";
    public const string LimitsFile = "default-limits.json";
    public const string AuthorityFile = "default-authority.json";
    public const string ReviewFile = "default-review.json";
    public const string EarlyWarningFile = "default-early-warning.json";
    public const string DunningFile = "default-dunning.json";

    public static ScorecardPolicy Scorecard() => PolicyDocuments.Scorecard(Json(ScorecardFile), ScorecardFile);

    public static LimitPolicy Limits() => PolicyDocuments.Limits(Json(LimitsFile), LimitsFile);

    public static AuthorityPolicy Authority() => PolicyDocuments.Authority(Json(AuthorityFile), AuthorityFile);

    public static ReviewPolicy Review() => PolicyDocuments.Review(Json(ReviewFile), ReviewFile);

    public static EarlyWarningPolicy EarlyWarning() => PolicyDocuments.EarlyWarning(Json(EarlyWarningFile), EarlyWarningFile);

    public static DunningPolicy Dunning() => PolicyDocuments.Dunning(Json(DunningFile), DunningFile);

    /// <summary>All defaults together, as one assessment uses them.</summary>
    public static CreditPolicies All() => new(Scorecard(), Limits(), Authority(), Review(), EarlyWarning(), Dunning());

    /// <summary>The embedded JSON text of a default policy, for administrators to copy and change.</summary>
    public static string Json(string fileName)
    {
        var name = $"OnboardingWorkflow.Credit.Policies.{fileName}";
        using var stream = typeof(DefaultPolicies).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded policy '{fileName}' is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
