using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Server.Jobs;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OnboardingWorkflow.Server.Operations;

namespace OnboardingWorkflow.Server.Hosting;

/// <summary>
/// Observability: OpenTelemetry metrics (ours, ASP.NET Core, HttpClient, the .NET runtime) on a
/// Prometheus scrape endpoint for admins and, when a collector is configured, traces and metrics
/// over OTLP; JSON console logs in Production. Without an OTLP endpoint no tracer is built, so
/// spans cost nothing; see deploy/MONITORING.md for names, tags and settings.
/// </summary>
public static class TelemetryModule
{
    /// <summary>Who may read the scrape endpoint: signed-in admins, or a caller with the scrape token.</summary>
    public const string MetricsPolicy = "metrics-scrapers";

    /// <summary>The standard variable a collector endpoint may also come from.</summary>
    public const string StandardOtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddOnboardingTelemetry(this WebApplicationBuilder builder)
    {
        AddLogFormat(builder);
        var section = builder.Configuration.GetSection(TelemetryOptions.Section);
        builder.Services.AddSection<TelemetryOptions>(builder.Configuration, TelemetryOptions.Section);
        var settings = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (settings.Validate(new(settings)).Any())
        {
            // ValidateOnStart reports the bad setting by name; nothing is built from it meanwhile.
            return builder;
        }

        var scrapeToken = new ScrapeToken(settings.Prometheus.ScrapeToken);
        builder.Services.AddSingleton(scrapeToken);
        builder.Services.AddAuthorizationBuilder().AddPolicy(MetricsPolicy, policy => policy.RequireAssertion(context =>
            context.User.IsInRole(Roles.Admin) || scrapeToken.Matches(context.Resource as HttpContext)));
        builder.Services.AddSingleton<WorkloadGauges>();
        JobTelemetryFilter.Register();

        var otlp = settings.OtlpEndpoint is not null || !string.IsNullOrWhiteSpace(builder.Configuration[StandardOtlpEndpoint]);
        if (!otlp && !settings.Prometheus.Enabled)
        {
            return builder;
        }

        var version = typeof(TelemetryModule).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName, serviceVersion: version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(EngineTelemetry.Name, JobTelemetryFilter.Name, WorkloadGauges.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (settings.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        ConfigureOtlp(exporter, settings, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = settings.Otlp.MetricsIntervalSeconds * 1000;
                    });
                }
            });
        if (otlp)
        {
            var scrapePath = settings.Prometheus.Path;
            telemetry.WithTracing(tracing => tracing
                .AddSource(EngineTelemetry.Name, JobTelemetryFilter.Name, DataTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = http => !http.Request.Path.StartsWithSegments(scrapePath))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter(exporter => ConfigureOtlp(exporter, settings, "v1/traces")));
        }

        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint and starts the database-backed gauges.</summary>
    public static WebApplication MapOnboardingTelemetry(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        app.Services.GetRequiredService<WorkloadGauges>();
        if (settings.Prometheus.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(settings.Prometheus.Path).RequireAuthorization(MetricsPolicy);
        }

        return app;
    }

    /// <summary>
    /// Our endpoint wins over the standard variables; it is a base address, as OTEL_EXPORTER_OTLP_ENDPOINT
    /// is, so the signal's path is added for http/protobuf. Without ours the exporter reads OTEL_* itself.
    /// </summary>
    private static void ConfigureOtlp(OtlpExporterOptions exporter, TelemetryOptions settings, string signalPath)
    {
        if (settings.OtlpEndpoint is not { } endpoint)
        {
            return;
        }

        exporter.Protocol = settings.Otlp.Protocol == TelemetryOptions.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = exporter.Protocol == OtlpExportProtocol.Grpc
            ? endpoint
            : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
        if (!string.IsNullOrEmpty(settings.Otlp.Headers))
        {
            exporter.Headers = settings.Otlp.Headers;
        }
    }

    /// <summary>
    /// JSON lines (UTC ISO-8601 timestamps, scopes with the trace and span ids) in Production or
    /// when Logging:Format is json; the usual console format otherwise.
    /// </summary>
    private static void AddLogFormat(WebApplicationBuilder builder)
    {
        builder.Services.AddSection<LogFormatOptions>(builder.Configuration, LogFormatOptions.Section);
        var format = builder.Configuration[$"{LogFormatOptions.Section}:Format"];
        var json = string.IsNullOrEmpty(format) ? builder.Environment.IsProduction() : format == "json";
        if (!json)
        {
            return;
        }

        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddJsonConsole(console =>
        {
            console.IncludeScopes = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            console.JsonWriterOptions = new() { Indented = false };
        });
    }
}
