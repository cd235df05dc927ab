namespace OnboardingWorkflow.Server.Api;

/// <summary>The REST API under /api: one static class per resource.</summary>
public static class ApiModule
{
    public static WebApplicationBuilder AddOnboardingApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OnboardingApiOptions>().Bind(builder.Configuration.GetSection(OnboardingApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
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
        api.MapWorkflowsApi();
        api.MapAuditApi();
        return app;
    }
}
