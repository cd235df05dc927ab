namespace OnboardingWorkflow.Credit.Altman;

/// <summary>A Z score with its zone and inputs, or the reason it could not be computed.</summary>
public sealed record AltmanResult(
    AltmanModel Model,
    double? Score,
    AltmanZone? Zone,
    IReadOnlyDictionary<string, double>? Inputs,
    string? NotComputableReason)
{
    public bool IsComputable => Score is not null;
}
