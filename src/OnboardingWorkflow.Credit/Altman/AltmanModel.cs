namespace OnboardingWorkflow.Credit.Altman;

/// <summary>The three Altman models: Z for listed manufacturers, Z' for private firms, Z'' for non-manufacturers.</summary>
public enum AltmanModel
{
    Z,
    ZPrime,
    ZDoublePrime,
}

/// <summary>Where a Z score falls between its model's cut-offs.</summary>
public enum AltmanZone
{
    Safe,
    Grey,
    Distress,
}
