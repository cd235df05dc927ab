using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Policies;

/// <summary>The policies that ship with the library, read from JSON embedded in the assembly.</summary>
public static class DefaultPolicies
{
    public static ScorecardPolicy Scorecard() => ScorecardPolicyDocument.Parse(Json("default-scorecard.json"), "default-scorecard.json");

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
