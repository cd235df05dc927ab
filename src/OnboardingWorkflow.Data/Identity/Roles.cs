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

    /// <summary>
    /// A machine worker (a credit-bureau connector, an ERP adapter): may only fetch, lock and report
    /// on external tasks. Given to service accounts, not to people.
    /// </summary>
    public const string ExternalWorker = "ExternalWorker";

    public static IReadOnlyList<string> All { get; } = [Admin, Sales, CreditAnalyst, CreditManager, RiskCommittee, Auditor, ExternalWorker];
}
