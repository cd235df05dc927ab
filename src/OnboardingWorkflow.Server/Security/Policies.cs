using Microsoft.AspNetCore.Authorization;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Server.Security;

/// <summary>Named authorization policies: which roles may call which endpoints.</summary>
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

    /// <summary>Reads workflow definitions: admins and auditors.</summary>
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

    public static readonly string[] Approvers = [Roles.CreditAnalyst, Roles.CreditManager, Roles.RiskCommittee];

    internal static void Add(AuthorizationBuilder authorization)
    {
        authorization
            .AddPolicy(Sales, p => p.RequireRole(Roles.Sales))
            .AddPolicy(CaseReaders, p => p.RequireRole([Roles.Sales, .. Approvers, Roles.Auditor]))
            .AddPolicy(TaskWorkers, p => p.RequireRole([Roles.Sales, .. Approvers]))
            .AddPolicy(TaskReaders, p => p.RequireRole([Roles.Sales, .. Approvers, Roles.Auditor]))
            .AddPolicy(Analysts, p => p.RequireRole(Roles.CreditAnalyst))
            .AddPolicy(StatementWriters, p => p.RequireRole(Roles.Sales, Roles.CreditAnalyst))
            .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(AuditReaders, p => p.RequireRole(Roles.Auditor, Roles.Admin))
            .AddPolicy(WorkflowReaders, p => p.RequireRole(Roles.Admin, Roles.Auditor))
            .AddPolicy(NegativeListReaders, p => p.RequireRole(Roles.CreditManager, Roles.RiskCommittee, Roles.Admin, Roles.Auditor))
            .AddPolicy(NegativeListEditors, p => p.RequireRole(Roles.CreditManager, Roles.Admin))
            .AddPolicy(LimitChangeRequesters, p => p.RequireRole(Roles.Sales, Roles.CreditManager))
            .AddPolicy(IncidentReaders, p => p.RequireRole(Roles.Admin, Roles.CreditManager, Roles.Auditor))
            .AddPolicy(InstanceReaders, p => p.RequireRole([Roles.Sales, .. Approvers, Roles.Auditor, Roles.Admin]));
    }
}
