using OnboardingWorkflow.Server.Operations;
using OnboardingWorkflow.Application.Workflow;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Application.Dunning;
using OnboardingWorkflow.Application.Reviews;
using OnboardingWorkflow.Application.EarlyWarning;
using OnboardingWorkflow.Application.Remediation;

namespace OnboardingWorkflow.Server.Api;

/// <summary>The REST API under /api: one static class per resource.</summary>
public static class ApiModule
{
    public static WebApplicationBuilder AddOnboardingApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddSection<OnboardingOptions>(builder.Configuration, OnboardingOptions.Section);
        builder.Services.AddSection<LimitChangeOptions>(builder.Configuration, LimitChangeOptions.Section);
        builder.Services.AddSection<WorkflowChangeOptions>(builder.Configuration, WorkflowChangeOptions.Section);
        builder.Services.AddSection<ReceivablesOptions>(builder.Configuration, ReceivablesOptions.Section);
        builder.Services.AddSection<DunningOptions>(builder.Configuration, DunningOptions.Section);
        builder.Services.AddSection<ReviewOptions>(builder.Configuration, ReviewOptions.Section);
        builder.Services.AddSection<WarningsOptions>(builder.Configuration, WarningsOptions.Section);
        builder.Services.AddSection<RemediationOptions>(builder.Configuration, RemediationOptions.Section);
        builder.Services.AddSection<DocumentsOptions>(builder.Configuration, DocumentsOptions.Section);
        return builder;
    }

    public static WebApplication MapOnboardingApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapAuthApi();
        api.MapUsersApi();
        api.MapApplicationsApi();
        api.MapDocumentsApi();
        api.MapFinancialStatementsApi();
        api.MapFindingsApi();
        api.MapNegativeListApi();
        api.MapTasksApi();
        api.MapCustomersApi();
        api.MapLimitChangesApi();
        api.MapReceivablesApi();
        api.MapEscalationApi();
        api.MapCreditHoldsApi();
        api.MapCustomerLanguageApi();
        api.MapReviewsApi();
        api.MapAlertsApi();
        api.MapRemediationApi();
        api.MapWorkflowsApi();
        api.MapExternalTasksApi();
        api.MapWorkflowDraftsApi();
        api.MapInstanceMigrationsApi();
        api.MapAuditApi();
        api.MapReportsApi();
        return app;
    }
}
