using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application;
using OnboardingWorkflow.Application.Documents;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Server.Email;
using OnboardingWorkflow.Server.Jobs;
using OnboardingWorkflow.Server.Api;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Server.OpenApi;
using OnboardingWorkflow.Server.Security;
using OnboardingWorkflow.Server.Workflow;
using OnboardingWorkflow.Web;

namespace OnboardingWorkflow.Server.Hosting;

/// <summary>Wires the server's modules; each module has its own Add/Map methods in its folder.</summary>
public static class ServerExtensions
{
    public static WebApplicationBuilder AddOnboardingServer(this WebApplicationBuilder builder)
    {
        AddSettingsBesideTheServer(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        Directory.CreateDirectory(database.DataDirectory);
        builder.Services.AddOnboardingData(database);
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks().AddDbContextCheck<OnboardingDbContext>("database", tags: ["ready"]);
        builder.AddOnboardingEmail();
        builder.AddOnboardingJobs();
        builder.AddOnboardingWorkflows();
        builder.AddOnboardingErrors();
        builder.AddOnboardingTelemetry();
        builder.AddOnboardingSecurity();
        builder.AddOnboardingOpenApi();
        builder.AddOnboardingApi();
        builder.Services.AddOnboardingApplication();
        builder.Services.AddOnboardingWeb();
        return builder;
    }

    /// <summary>
    /// The server runs from the folder it is started in (./data/ is created there), so that folder
    /// usually has no appsettings.json: then the files shipped beside the server are read, below
    /// every other source, so environment variables and arguments still override them.
    /// </summary>
    private static void AddSettingsBesideTheServer(WebApplicationBuilder builder)
    {
        var serverFolder = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")) || !File.Exists(Path.Combine(serverFolder, "appsettings.json")))
        {
            return;
        }

        var files = new PhysicalFileProvider(serverFolder);
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource { FileProvider = files, Path = $"appsettings.{builder.Environment.EnvironmentName}.json", Optional = true });
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource { FileProvider = files, Path = "appsettings.json", Optional = true });
    }

    /// <summary>Start-up work before the server listens: migrations, roles, the first admin, shipped workflows.</summary>
    public static async Task InitializeOnboardingAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (database.MigrateOnStartup)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
            await DatabaseInitializer.MigrateAsync(db);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Uploads a crash interrupted: finish those whose row committed, delete the rest.
            var (moved, deleted) = await app.Services.GetRequiredService<DocumentStorage>()
                .SweepAsync(scope.ServiceProvider.GetRequiredService<OnboardingDbContext>());
            if (moved + deleted > 0)
            {
                app.Logger.LogWarning("Interrupted uploads: {Moved} finished, {Deleted} removed", moved, deleted);
            }
        }

        await app.InitializeSecurityAsync();
        await app.DeployShippedWorkflowsAsync();
    }

    public static WebApplication MapOnboardingServer(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseOnboardingDocs();
        app.UseOnboardingWebLocalization();
        app.UseOnboardingSecurity();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOnboardingTelemetry();
        app.MapOnboardingOpenApi();
        app.MapOnboardingApi();
        app.MapOnboardingJobs();
        app.MapAccountEndpoints();
        app.MapOnboardingWeb();
        return app;
    }
}
