namespace OnboardingWorkflow.Credit.Altman;

/// <summary>A Z score with its zone and inputs, or the reason it could not be computed.</summary>
public sealed record AltmanResult(
    AltmanModel Model,
    double? Score,
    AltmanZone? Zone,
    IReadOnlyDictionary<string, double>? Inputs,
    Reason? Why)
{
    public bool IsComputable => Score is not null;

    /// <summary>Why there is no score, in English; null when there is one.</summary>
    public string? NotComputableReason => Why?.Text;
}
