using OnboardingWorkflow.Server.Operations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Common;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Server.Workflow;

/// <summary>
/// The workflow engine in the server: one engine per scope (request or job) on the EF stores of
/// that scope's DbContext, sharing the parsed definitions and the script sandbox process-wide.
/// </summary>
public static class WorkflowModule
{
    public static WebApplicationBuilder AddOnboardingWorkflows(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSection<WorkflowOptions>(builder.Configuration, WorkflowOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DefinitionCache>();
        services.AddSingleton<IncidentLog>();
        services.AddSingleton(sp =>
        {
            var limits = sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.ScriptLimits;
            return new ScriptRuntime(new ScriptLimits
            {
                Timeout = limits.Timeout, MemoryBytes = limits.MemoryBytes, RecursionDepth = limits.RecursionDepth, MaxStatements = limits.MaxStatements,
            });
        });
        services.AddScoped<EfDefinitionStore>();
        services.AddScoped<EfInstanceStore>();
        services.AddSingleton<TaskHandlerCatalog>();
        services.AddScoped(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WorkflowOptions>>().Value;
            var incidents = sp.GetRequiredService<IncidentLog>();
            return new WorkflowEngine(new WorkflowEngineOptions
            {
                Definitions = sp.GetRequiredService<EfDefinitionStore>(),
                Instances = sp.GetRequiredService<EfInstanceStore>(),
                Clock = sp.GetRequiredService<TimeProvider>(),
                Handlers = sp.GetRequiredService<TaskHandlerCatalog>().Fill(new HandlerRegistry(), sp),
                DefinitionCache = sp.GetRequiredService<DefinitionCache>(),
                Scripts = sp.GetRequiredService<ScriptRuntime>(),
                MaxStepsPerUnitOfWork = options.MaxStepsPerUnitOfWork,
                DispatchGrace = options.DispatchGrace,
                IncidentObserver = incidents.Write,
                DispatchFailureObserver = incidents.Write,
            });
        });
        return builder;
    }

    /// <summary>Deploys the shipped .bpmn files; an invalid one stops the start with its diagnostics.</summary>
    public static async Task DeployShippedWorkflowsAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WorkflowOptions>>().Value;
        if (!options.DeployOnStartup)
        {
            return;
        }

        var directory = Path.IsPathRooted(options.WorkflowsDirectory)
            ? options.WorkflowsDirectory
            : Path.Combine(AppContext.BaseDirectory, options.WorkflowsDirectory);
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"Workflow:WorkflowsDirectory '{directory}' does not exist.");
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OnboardingWorkflow.Workflows");
        await using var scope = app.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.bpmn").Order(StringComparer.Ordinal))
        {
            try
            {
                var result = await engine.DeployAsync(await File.ReadAllTextAsync(file), Path.GetFileName(file));
                foreach (var process in result.Processes)
                {
                    logger.LogInformation("Workflow {Key} v{Version} from {File} ({State})", process.Key, process.Version, Path.GetFileName(file), process.IsNewVersion ? "deployed" : "unchanged");
                }
            }
            catch (BpmnValidationException ex)
            {
                var lines = ex.Diagnostics.Where(d => d.IsError).Select(d => d.Format(Path.GetFileName(file)));
                throw new InvalidOperationException($"The shipped workflow {Path.GetFileName(file)} is invalid:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}", ex);
            }
        }
    }
}
