using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Server.Hosting;

/// <summary>
/// The "Telemetry" configuration section: the Prometheus scrape endpoint (on by default, Admin
/// only), the OTLP export (off until an endpoint is set) and how often the database-backed gauges
/// are refreshed.
/// </summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>The service.name resource attribute every trace and metric carries.</summary>
    [Required]
    [StringLength(100)]
    public string ServiceName { get; set; } = "onboarding-workflow";

    /// <summary>The open-task and outbox gauges query the database at most this often; scrapes in between see the last figures.</summary>
    [Range(1, 3600)]
    public int GaugeRefreshSeconds { get; set; } = 30;

    public PrometheusSettings Prometheus { get; set; } = new();

    public OtlpSettings Otlp { get; set; } = new();

    /// <summary>The Prometheus text endpoint.</summary>
    public sealed class PrometheusSettings
    {
        public bool Enabled { get; set; } = true;

        public string Path { get; set; } = "/metrics";

        /// <summary>
        /// A shared secret a Prometheus server sends as "Authorization: Bearer ..." when it cannot
        /// sign in as an admin; empty: only signed-in admins may scrape.
        /// </summary>
        public string? ScrapeToken { get; set; }
    }

    /// <summary>The OpenTelemetry protocol export of traces and metrics.</summary>
    public sealed class OtlpSettings
    {
        /// <summary>The collector's base address (http://collector:4318); the signal paths /v1/traces and /v1/metrics are added for http/protobuf.</summary>
        public string? Endpoint { get; set; }

        /// <summary>"http/protobuf" (default, port 4318) or "grpc" (port 4317).</summary>
        public string Protocol { get; set; } = HttpProtobuf;

        /// <summary>Extra request headers, "name=value,name2=value2" (an API key of a hosted collector).</summary>
        public string? Headers { get; set; }

        /// <summary>How often metrics are pushed.</summary>
        public int MetricsIntervalSeconds { get; set; } = 60;
    }

    public const string HttpProtobuf = "http/protobuf";
    public const string Grpc = "grpc";
    public const int MinScrapeTokenLength = 32;

    /// <summary>The configured OTLP endpoint as an address, or null when none is set.</summary>
    public Uri? OtlpEndpoint => string.IsNullOrWhiteSpace(Otlp.Endpoint) ? null : new Uri(Otlp.Endpoint, UriKind.Absolute);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Prometheus.Path.StartsWith('/') || Prometheus.Path.Length < 2 || Prometheus.Path.Contains('?') || Prometheus.Path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Telemetry:Prometheus:Path '{Prometheus.Path}' must be a path such as /metrics (starting with '/', outside /api).", [nameof(Prometheus)]);
        }

        if (Prometheus.ScrapeToken is { } token && token.Length < MinScrapeTokenLength)
        {
            yield return new ValidationResult(
                $"Telemetry:Prometheus:ScrapeToken must be at least {MinScrapeTokenLength} characters (e.g. the output of 'openssl rand -hex 32'), or empty to let only admins scrape.",
                [nameof(Prometheus)]);
        }

        if (!string.IsNullOrWhiteSpace(Otlp.Endpoint)
            && (!Uri.TryCreate(Otlp.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(endpoint.Query)))
        {
            yield return new ValidationResult($"Telemetry:Otlp:Endpoint '{Otlp.Endpoint}' must be an absolute http or https address, e.g. http://collector:4318.", [nameof(Otlp)]);
        }

        if (Otlp.Protocol is not (HttpProtobuf or Grpc))
        {
            yield return new ValidationResult($"Telemetry:Otlp:Protocol '{Otlp.Protocol}' must be '{HttpProtobuf}' or '{Grpc}'.", [nameof(Otlp)]);
        }

        if (Otlp.Headers is { Length: > 0 } headers && headers.Split(',').Any(h => h.IndexOf('=') <= 0))
        {
            yield return new ValidationResult("Telemetry:Otlp:Headers must be name=value pairs separated by commas, e.g. api-key=secret.", [nameof(Otlp)]);
        }

        if (Otlp.MetricsIntervalSeconds is < 1 or > 3600)
        {
            yield return new ValidationResult($"Telemetry:Otlp:MetricsIntervalSeconds must be between 1 and 3600, not {Otlp.MetricsIntervalSeconds}.", [nameof(Otlp)]);
        }
    }
}

/// <summary>The "Logging:Format" setting: json (the default in Production) or simple (the default elsewhere).</summary>
public sealed class LogFormatOptions
{
    public const string Section = "Logging";

    [RegularExpression("^(json|simple)?$", ErrorMessage = "Logging:Format must be 'json' or 'simple' (or left empty: json in Production, simple elsewhere).")]
    public string? Format { get; set; }
}
