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
        builder.Services.AddOptions<OnboardingOptions>().Bind(builder.Configuration.GetSection(OnboardingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<LimitChangeOptions>().Bind(builder.Configuration.GetSection(LimitChangeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<WorkflowChangeOptions>().Bind(builder.Configuration.GetSection(WorkflowChangeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ReceivablesOptions>().Bind(builder.Configuration.GetSection(ReceivablesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DunningOptions>().Bind(builder.Configuration.GetSection(DunningOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ReviewOptions>().Bind(builder.Configuration.GetSection(ReviewOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<WarningsOptions>().Bind(builder.Configuration.GetSection(WarningsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RemediationOptions>().Bind(builder.Configuration.GetSection(RemediationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DocumentsOptions>().Bind(builder.Configuration.GetSection(DocumentsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
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
        api.MapWorkflowDraftsApi();
        api.MapInstanceMigrationsApi();
        api.MapAuditApi();
        api.MapReportsApi();
        return app;
    }
}
