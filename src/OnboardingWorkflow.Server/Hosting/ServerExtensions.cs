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
using OnboardingWorkflow.Server.Operations;
using OnboardingWorkflow.Server.Security;
using OnboardingWorkflow.Server.Workflow;
using OnboardingWorkflow.Web;

namespace OnboardingWorkflow.Server.Hosting;

/// <summary>Wires the server's modules; each module has its own Add/Map methods in its folder.</summary>
public static class ServerExtensions
{
    public static WebApplicationBuilder AddOnboardingServer(this WebApplicationBuilder builder)
    {
        try
        {
            return AddModules(builder);
        }
        catch (StartupConfigurationException e) when (StartupFailure.IsServerProcess)
        {
            StartupFailure.Exit(e);
            throw;
        }
    }

    private static WebApplicationBuilder AddModules(WebApplicationBuilder builder)
    {
        AddSettingsBesideTheServer(builder);
        OperationCommands.QuietLogging(builder, Environment.GetCommandLineArgs().Skip(1).ToArray());
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        var database = ConfigurationSections.Read<DatabaseOptions>(builder.Configuration, DatabaseOptions.Section);
        builder.Services.AddSection<DatabaseOptions>(builder.Configuration, DatabaseOptions.Section);
        Directory.CreateDirectory(database.DataDirectory);
        builder.Services.AddOnboardingData(database);
        builder.Services.AddProblemDetails();
        builder.AddOnboardingReverseProxy();
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

    /// <summary>
    /// Start-up work before the server listens: the operator's commands (check, migrate, backup),
    /// configuration validation, the schema, roles, the first admin, shipped workflows. A bad setting
    /// or a schema the server may not change ends the server process with one line on stderr and
    /// exit code 2; a host that embeds the server gets the <see cref="StartupConfigurationException"/>.
    /// </summary>
    public static async Task InitializeOnboardingAsync(this WebApplication app)
    {
        await OperationCommands.RunIfRequestedAsync(app, Environment.GetCommandLineArgs().Skip(1).ToArray());
        try
        {
            ConfigurationSections.EnsureValid(app.Services);
            await EnsureSchemaAsync(app.Services);
        }
        catch (StartupConfigurationException e) when (StartupFailure.IsServerProcess)
        {
            StartupFailure.Exit(e);
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

    /// <summary>Applies pending migrations, or, when the server may not alter the schema, refuses to start while any are pending.</summary>
    private static async Task EnsureSchemaAsync(IServiceProvider services)
    {
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        if (database.MigrateOnStartup)
        {
            await DatabaseInitializer.MigrateAsync(db);
            return;
        }

        if (await DatabaseSchema.PendingMigrationsAsync(db) is { Count: > 0 } pending)
        {
            throw new StartupConfigurationException($"The {DatabaseSchema.Describe(db, database)} has {pending.Count} pending migration(s) ({string.Join(", ", pending)})"
                + " and Database:MigrateOnStartup is false, so the server does not change the schema: run the server's 'migrate' command first.");
        }
    }

    public static WebApplication MapOnboardingServer(this WebApplication app)
    {
        app.UseOnboardingReverseProxy();
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
