using System.Diagnostics.Metrics;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.Server;
using OnboardingWorkflow.Server.Jobs;

namespace OnboardingWorkflow.Server.Tests.Jobs;

/// <summary>Hangfire's own performer with the telemetry filter: every run is measured with its job class and outcome.</summary>
public sealed class JobTelemetryFilterFacts
{
    [Fact]
    public void A_run_is_measured_as_succeeded_and_a_throwing_one_as_failed()
    {
        var measured = new List<(string? Job, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == JobTelemetryFilter.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            string? job = null, outcome = null;
            foreach (var tag in tags)
            {
                job = tag.Key == "job" ? tag.Value as string : job;
                outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
            }

            if (job == nameof(TelemetrySampleJob))
            {
                lock (measured)
                {
                    measured.Add((job, outcome));
                }
            }
        });
        listener.Start();
        using var storage = new InMemoryStorage();
        using var connection = storage.GetConnection();
        var performer = new BackgroundJobPerformer(new JobFilterCollection { new JobTelemetryFilter() }, new JobActivator(), TaskScheduler.Default);

        performer.Perform(Context(storage, connection, Job.FromExpression<TelemetrySampleJob>(j => j.Run())));
        Assert.ThrowsAny<Exception>(() => performer.Perform(Context(storage, connection, Job.FromExpression<TelemetrySampleJob>(j => j.Fail()))));

        Assert.Equal([(nameof(TelemetrySampleJob), "succeeded"), (nameof(TelemetrySampleJob), "failed")], measured);
    }

    [Theory]
    [InlineData(false, null, "succeeded")]
    [InlineData(false, typeof(InvalidOperationException), "failed")]
    [InlineData(false, typeof(OperationCanceledException), "canceled")]
    [InlineData(true, null, "canceled")]
    public void Outcome_tells_success_failure_and_cancellation_apart(bool canceled, Type? exception, string expected) =>
        Assert.Equal(expected, JobTelemetryFilter.OutcomeOf(exception is null ? null : (Exception)Activator.CreateInstance(exception)!, canceled));

    private static PerformContext Context(JobStorage storage, Hangfire.Storage.IStorageConnection connection, Job job) =>
        new(storage, connection, new BackgroundJob(Guid.NewGuid().ToString("N"), job, DateTime.UtcNow), new JobCancellationToken(false));
}

/// <summary>A job for the telemetry facts.</summary>
public sealed class TelemetrySampleJob
{
    public void Run()
    {
    }

    public void Fail() => throw new InvalidOperationException("the sample job fails");
}
