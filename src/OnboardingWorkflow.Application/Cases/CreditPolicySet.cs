using OnboardingWorkflow.Credit.Policies;

namespace OnboardingWorkflow.Application.Cases;

/// <summary>The credit policies decisions are taken under; read once, immutable.</summary>
public static class CreditPolicySet
{
    private static readonly Lazy<CreditPolicies> Defaults = new(DefaultPolicies.All);

    public static CreditPolicies Current => Defaults.Value;
}
