using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Application.Access;

/// <summary>
/// Named authorization policies: which roles may call which endpoint or open which page. The one
/// table both the API and the dashboard enforce; the host turns it into ASP.NET Core policies.
/// </summary>
public static class Policies
{
    /// <summary>Makers: submit applications, upload documents and statements.</summary>
    public const string Sales = "sales";

    /// <summary>Everyone who works on or looks at cases: makers, approvers, auditors.</summary>
    public const string CaseReaders = "case-readers";

    /// <summary>People who act on workflow tasks: makers (document collection) and approvers.</summary>
    public const string TaskWorkers = "task-workers";

    /// <summary>Task list readers: task workers and auditors.</summary>
    public const string TaskReaders = "task-readers";

    /// <summary>Credit staff who record due-diligence findings and statements.</summary>
    public const string Analysts = "analysts";

    /// <summary>Makers and analysts: submit financial statements.</summary>
    public const string StatementWriters = "statement-writers";

    /// <summary>Deploys workflows and manages users.</summary>
    public const string Admin = "admin";

    /// <summary>Reads workflow definitions: admins, auditors and credit managers (who watch the running cases on the diagrams).</summary>
    public const string WorkflowReaders = "workflow-readers";

    /// <summary>Reads instance state and history: case readers and admins.</summary>
    public const string InstanceReaders = "instance-readers";

    /// <summary>Reads the internal negative list: credit managers, risk committee, admins, auditors.</summary>
    public const string NegativeListReaders = "negative-list-readers";

    /// <summary>Keeps the internal negative list: credit managers and admins.</summary>
    public const string NegativeListEditors = "negative-list-editors";

    /// <summary>Requests limit changes: the account's salesperson and credit managers.</summary>
    public const string LimitChangeRequesters = "limit-change-requesters";

    /// <summary>Reads open incidents: admins, credit managers, auditors.</summary>
    public const string IncidentReaders = "incident-readers";

    /// <summary>Reads the audit trail: auditors and admins.</summary>
    public const string AuditReaders = "audit-readers";

    /// <summary>Cancels workflow instances: admins and credit managers, who answer for stuck or obsolete cases.</summary>
    public const string InstanceAdmins = "instance-admins";

    /// <summary>
    /// Reads portfolio reports: credit staff, auditors and admins. Not sales: a report shows the whole
    /// portfolio, not only a maker's own cases.
    /// </summary>
    public const string ReportReaders = "report-readers";

    /// <summary>Imports invoices, payments, credit notes, allocations and orders: admins and credit managers.</summary>
    public const string ReceivablesImporters = "receivables-importers";

    /// <summary>Checks an order against the customer's credit: sales (their own accounts), credit managers, admins.</summary>
    public const string CreditCheckers = "credit-checkers";

    /// <summary>Records a promise to pay on an overdue escalation: the account's salesperson and credit managers.</summary>
    public const string PromiseTakers = "promise-takers";

    /// <summary>
    /// Reads the collections pages (all credit holds, all open escalation cases): credit managers,
    /// admins and auditors. Not sales: the lists span every account.
    /// </summary>
    public const string CollectionsReaders = "collections-readers";

    /// <summary>Releases a credit hold by hand, with a reason: credit managers and admins (auditors read, never act).</summary>
    public const string HoldReleasers = "hold-releasers";

    /// <summary>Puts an active account on credit hold by hand, with a reason: credit managers and admins.</summary>
    public const string HoldPlacers = "hold-placers";

    /// <summary>Sets the language letters to a customer are written in: the account's salesperson, credit managers, admins.</summary>
    public const string LanguageEditors = "language-editors";
    /// <summary>Sends fresh statements for a customer's periodic review: the account's salesperson and credit analysts.</summary>
    public const string ReviewStatementWriters = "review-statement-writers";
    /// <summary>Reads early-warning alerts and their evidence: credit managers, auditors and admins.</summary>
    public const string AlertReaders = "alert-readers";

    /// <summary>Acknowledges early-warning alerts: credit managers and admins.</summary>
    public const string AlertAcknowledgers = "alert-acknowledgers";

    /// <summary>Opens a remediation case and sends its payment plan: credit managers.</summary>
    public const string RemediationManagers = "remediation-managers";

    /// <summary>Fetches, locks and reports on external tasks: machine workers, and admins (who can stand in for a broken worker).</summary>
    public const string ExternalWorkers = "external-workers";

    /// <summary>Lists external tasks with their locks: admins and auditors.</summary>
    public const string ExternalTaskReaders = "external-task-readers";

    private static IReadOnlyList<string> Approvers => CurrentUser.ApproverRoles;

    /// <summary>Every policy with the roles it admits.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Table { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Sales] = [Roles.Sales],
        [CaseReaders] = [Roles.Sales, .. Approvers, Roles.Auditor],
        [TaskWorkers] = [Roles.Sales, .. Approvers],
        [TaskReaders] = [Roles.Sales, .. Approvers, Roles.Auditor],
        [Analysts] = [Roles.CreditAnalyst],
        [StatementWriters] = [Roles.Sales, Roles.CreditAnalyst],
        [Admin] = [Roles.Admin],
        [ExternalWorkers] = [Roles.ExternalWorker, Roles.Admin],
        [ExternalTaskReaders] = [Roles.Admin, Roles.Auditor],
        [AuditReaders] = [Roles.Auditor, Roles.Admin],
        [WorkflowReaders] = [Roles.Admin, Roles.Auditor, Roles.CreditManager],
        [NegativeListReaders] = [Roles.CreditManager, Roles.RiskCommittee, Roles.Admin, Roles.Auditor],
        [NegativeListEditors] = [Roles.CreditManager, Roles.Admin],
        [LimitChangeRequesters] = [Roles.Sales, Roles.CreditManager],
        [IncidentReaders] = [Roles.Admin, Roles.CreditManager, Roles.Auditor],
        [InstanceReaders] = [Roles.Sales, .. Approvers, Roles.Auditor, Roles.Admin],
        [InstanceAdmins] = [Roles.Admin, Roles.CreditManager],
        [ReportReaders] = [.. Approvers, Roles.Auditor, Roles.Admin],
        [ReceivablesImporters] = [Roles.Admin, Roles.CreditManager],
        [CreditCheckers] = [Roles.Sales, Roles.CreditManager, Roles.Admin],
        [PromiseTakers] = [Roles.Sales, Roles.CreditManager],
        [CollectionsReaders] = [Roles.CreditManager, Roles.Admin, Roles.Auditor],
        [HoldReleasers] = [Roles.CreditManager, Roles.Admin],
        [HoldPlacers] = [Roles.CreditManager, Roles.Admin],
        [LanguageEditors] = [Roles.Sales, Roles.CreditManager, Roles.Admin],
        [ReviewStatementWriters] = [Roles.Sales, Roles.CreditAnalyst],
        [AlertReaders] = [Roles.CreditManager, Roles.Auditor, Roles.Admin],
        [AlertAcknowledgers] = [Roles.CreditManager, Roles.Admin],
        [RemediationManagers] = [Roles.CreditManager],
    };

    /// <summary>Whether a user with these roles passes the policy; pages use it to show only what the user may do.</summary>
    public static bool Allows(string policy, CurrentUser user) =>
        Table.TryGetValue(policy, out var roles) ? roles.Any(user.IsInRole) : throw new ArgumentException($"Unknown policy {policy}.", nameof(policy));
}
