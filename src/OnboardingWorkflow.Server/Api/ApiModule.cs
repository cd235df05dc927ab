namespace OnboardingWorkflow.Server.Api;

/// <summary>The REST API under /api: one static class per resource.</summary>
public static class ApiModule
{
    public static WebApplicationBuilder AddOnboardingApi(this WebApplicationBuilder builder)
    {
        return builder;
    }

    public static WebApplication MapOnboardingApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapAuthApi();
        api.MapUsersApi();
        return app;
    }
}
