namespace OnboardingWorkflow.Data.Identity;

/// <summary>The roles of the product; names are stable, since policies and BPMN candidate groups use them.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Sales = "Sales";
    public const string CreditAnalyst = "CreditAnalyst";
    public const string CreditManager = "CreditManager";
    public const string RiskCommittee = "RiskCommittee";
    public const string Auditor = "Auditor";

    public static IReadOnlyList<string> All { get; } = [Admin, Sales, CreditAnalyst, CreditManager, RiskCommittee, Auditor];
}
