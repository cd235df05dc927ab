using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hangfire;
using Hangfire.Server;

namespace OnboardingWorkflow.Server.Jobs;

/// <summary>
/// A span and a duration measurement around every Hangfire job run, tagged with the job's class
/// (WorkflowTimersJob, EmailOutboxJob, ...) and its outcome (succeeded, failed, canceled). Every
/// job goes through Hangfire's performer, so a server filter sees them all without touching a job.
/// The span is current while the job runs, so its database and HTTP spans are its children.
/// Registered once per process: Hangfire's filters are global, and the instruments are static
/// so several hosts in one process (tests) do not double-count.
/// </summary>
public sealed class JobTelemetryFilter : IServerFilter
{
    public const string Name = "OnboardingWorkflow.Jobs";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("owf.job.duration", "s",
        "Time one Hangfire job run took, by job and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });

    private const string StateKey = "owf.telemetry";
    private static readonly Lock Registration = new();

    /// <summary>Adds the filter to Hangfire's global filters unless it is there already.</summary>
    public static void Register()
    {
        lock (Registration)
        {
            if (!GlobalJobFilters.Filters.Any(f => f.Instance is JobTelemetryFilter))
            {
                GlobalJobFilters.Filters.Add(new JobTelemetryFilter());
            }
        }
    }

    public void OnPerforming(PerformingContext context)
    {
        var job = JobName(context);
        var activity = Source.StartActivity("owf.job " + job, ActivityKind.Internal);
        activity?.SetTag("owf.job", job);
        activity?.SetTag("owf.job_id", context.BackgroundJob.Id);
        context.Items[StateKey] = new Run(job, activity, Stopwatch.GetTimestamp());
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(StateKey, out var state) || state is not Run run)
        {
            return;
        }

        var outcome = OutcomeOf(context.Exception, context.Canceled);
        Duration.Record(Stopwatch.GetElapsedTime(run.StartedAt).TotalSeconds,
            new KeyValuePair<string, object?>("job", run.Job), new KeyValuePair<string, object?>("outcome", outcome));
        if (run.Activity is { } activity)
        {
            activity.SetTag("owf.outcome", outcome);
            if (context.Exception is { } exception)
            {
                activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            }

            activity.Dispose();
        }
    }

    internal static string OutcomeOf(Exception? exception, bool canceled) =>
        canceled ? "canceled" : exception is null ? "succeeded" : exception is OperationCanceledException or JobAbortedException ? "canceled" : "failed";

    private static string JobName(PerformContext context) => context.BackgroundJob.Job?.Type.Name ?? "unknown";

    private sealed record Run(string Job, Activity? Activity, long StartedAt);
}
