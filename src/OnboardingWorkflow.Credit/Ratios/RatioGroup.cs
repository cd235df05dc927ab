namespace OnboardingWorkflow.Credit.Ratios;

/// <summary>The analysis groups of the D&amp;B key ratios and the SASAC performance standard, plus cash flow.</summary>
public enum RatioGroup
{
    Solvency,
    Operations,
    Profitability,
    Growth,
    CashFlow,
}
