using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Application.Documents;
using OnboardingWorkflow.Application.Dunning;
using OnboardingWorkflow.Application.Dunning.Handlers;
using OnboardingWorkflow.Application.EarlyWarning;
using OnboardingWorkflow.Application.LimitChanges;
using OnboardingWorkflow.Application.LimitChanges.Handlers;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Application.Workflow;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Application.Onboarding.Handlers;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Application.Reports;

namespace OnboardingWorkflow.Application;

/// <summary>Registers the use cases and the onboarding flow's task handlers; every client resolves the same ones.</summary>
public static class ApplicationModule
{
    public static IServiceCollection AddOnboardingApplication(this IServiceCollection services)
    {
        services.AddScoped<CaseFile>();
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseQueries>();
        services.AddScoped<CustomerQueries>();
        services.AddScoped<ApplicationWithdrawal>();
        services.AddScoped<DocumentRules>();
        services.AddScoped<ApprovalRules>();
        services.AddScoped<TaskActions>();
        services.AddScoped<TaskInbox>();
        services.AddScoped<TaskAssignments>();
        services.AddScoped<SavedTaskFilters>();
        services.AddScoped<TaskDetails>();
        services.AddScoped<ApplicationSubmission>();
        services.AddScoped<DocumentService>();
        services.AddScoped<IncidentService>();
        services.AddScoped<InstanceDiagrams>();
        services.AddScoped<InstanceQueries>();
        services.AddScoped<InstanceAdministration>();
        services.AddScoped<WorkflowDrafts>();
        services.AddScoped<WorkflowVersions>();
        services.AddScoped<InstanceMigrations>();
        services.AddSingleton<MigrationBatchRunner>();
        services.AddScoped<ReportQueries>();
        services.AddScoped<CaseEvidence>();
        services.AddScoped<NegativeListService>();
        services.AddScoped<UserProvisioning>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<UserPreferences>();
        services.AddScoped<AuditTrail>();
        services.AddSingleton<DocumentStorage>();
        services.AddScoped<IOnboardingTaskHandler, DuplicateCheckHandler>();
        services.AddScoped<IOnboardingTaskHandler, NotifyMakerHandler>();
        services.AddScoped<IOnboardingTaskHandler, SendReminderHandler>();
        services.AddScoped<IOnboardingTaskHandler, WithdrawApplicationHandler>();
        services.AddScoped<IOnboardingTaskHandler, ScreeningHandler>();
        services.AddScoped<IOnboardingTaskHandler, CreditScoringHandler>();
        services.AddScoped<IOnboardingTaskHandler, GenerateContractHandler>();
        services.AddScoped<IOnboardingTaskHandler, ActivateCustomerHandler>();
        services.AddScoped<LimitChangeService>();
        services.AddScoped<LimitChangeRules>();
        services.AddScoped<IOnboardingTaskHandler, AssessLimitChangeHandler>();
        services.AddScoped<IOnboardingTaskHandler, ApplyLimitChangeHandler>();
        services.AddScoped<IOnboardingTaskHandler, RevertTemporaryLimitHandler>();
        services.AddScoped<IOnboardingTaskHandler, LimitChangeRejectedHandler>();
        services.AddScoped<ReceivablesImport>();
        services.AddScoped<ReceivableQueries>();
        services.AddScoped<CreditHolds>();
        services.AddScoped<CreditCheck>();
        services.AddScoped<DunningLetters>();
        services.AddScoped<EscalationCases>();
        services.AddScoped<CustomerEscalation>();
        services.AddScoped<PromiseToPay>();
        services.AddScoped<EscalationQueries>();
        services.AddScoped<ILedgerListener, EscalationSettlement>();
        services.AddSingleton<EscalationSweep>();
        services.AddScoped<IOnboardingTaskHandler, SendDunningLetterHandler>();
        services.AddScoped<IOnboardingTaskHandler, PlaceDunningHoldHandler>();
        services.AddScoped<IOnboardingTaskHandler, CloseDunningCaseHandler>();
        services.AddScoped<IOnboardingTaskHandler, RecordPromiseToPayHandler>();
        services.AddScoped<IOnboardingTaskHandler, PromiseBrokenHandler>();
        services.AddScoped<IReviewTrigger, RecordedReviewTrigger>();
        services.AddScoped<CustomerAlerts>();
        services.AddScoped<QualificationRenewals>();
        services.AddScoped<AlertQueries>();
        services.AddScoped<AlertAcknowledgement>();
        services.AddSingleton<EarlyWarningSweep>();
        return services;
    }
}
