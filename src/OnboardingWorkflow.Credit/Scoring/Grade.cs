namespace OnboardingWorkflow.Credit.Scoring;

/// <summary>The nine-grade scale (三等九级), best first.</summary>
public enum Grade
{
    AAA,
    AA,
    A,
    BBB,
    BB,
    B,
    CCC,
    CC,
    C,
}

/// <summary>Risk tier that drives terms, security, approvals and review cadence.</summary>
public enum RiskTier
{
    Low,
    Medium,
    High,
}
