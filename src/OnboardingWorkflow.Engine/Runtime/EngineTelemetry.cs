using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// The engine's metrics and traces, with the BCL's <see cref="Meter"/> and <see cref="ActivitySource"/>
/// only, so the engine keeps no telemetry dependency; a host subscribes by the names below.
/// Every unit of work is one span and one duration measurement; instances started, completed,
/// terminated and failed and incidents are counted from the history the unit committed, so a
/// unit that fails to commit (a concurrency conflict) counts nothing. Without a listener every
/// instrument is disabled and a unit of work costs a timestamp and two null checks.
/// </summary>
public static class EngineTelemetry
{
    /// <summary>The name of the engine's meter and activity source.</summary>
    public const string Name = "OnboardingWorkflow.Engine";

    private static readonly string? Version = typeof(EngineTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(Name, Version);
    private static readonly Meter Meter = new(Name, Version);

    private static readonly Counter<long> Started = Meter.CreateCounter<long>("owf.engine.instances.started", "{instance}", "Process instances started, by process key.");
    private static readonly Counter<long> Completed = Meter.CreateCounter<long>("owf.engine.instances.completed", "{instance}", "Process instances that reached their end, by process key.");
    private static readonly Counter<long> Terminated = Meter.CreateCounter<long>("owf.engine.instances.terminated", "{instance}", "Process instances ended from outside (cancelled, or with their call activity), by process key.");
    private static readonly Counter<long> Incidents = Meter.CreateCounter<long>("owf.engine.incidents", "{incident}", "Incidents raised, by process key and incident code.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("owf.engine.unit_of_work.duration", "s",
        "Time one unit of work took, from loading or creating the instance to its commit, by stimulus and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    // Every code the engine raises (the constants of IncidentCodes): anything else is tagged "other", so tag values stay few.
    private static readonly string[] KnownIncidentCodes = typeof(IncidentCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    /// <summary>
    /// Starts the measurement of one unit of work; <paramref name="caller"/> is the engine method that
    /// runs it. Null, and nothing allocated, while nobody listens.
    /// </summary>
    internal static UnitOfWorkScope? Begin(string caller)
    {
        var traced = Source.HasListeners();
        if (!traced && !Duration.Enabled && !Started.Enabled && !Completed.Enabled && !Terminated.Enabled && !Incidents.Enabled)
        {
            return null;
        }

        var stimulus = StimulusOf(caller);
        var activity = traced ? Source.StartActivity("owf.unit_of_work " + stimulus, ActivityKind.Internal) : null;
        activity?.SetTag("owf.stimulus", stimulus);
        return new UnitOfWorkScope(stimulus, activity, Stopwatch.GetTimestamp());
    }

    /// <summary>Maps the engine method that ran a unit of work to a small, fixed set of tag values.</summary>
    internal static string StimulusOf(string caller) => caller switch
    {
        "StartAsync" or "StartByConditionsAsync" => "start",
        "TriggerAsync" => "trigger",
        "CompleteTaskAsync" => "task",
        "FireDueAsync" or "FireStartTimerAsync" => "timer",
        "CorrelateMessageAsync" => "message",
        "BroadcastSignalAsync" => "signal",
        "ResumeAsync" => "resume",
        "RetryAsync" => "retry",
        "RunJobAsync" or "RecordJobFailureAsync" => "job",
        "TerminateAsync" => "terminate",
        _ => "other",
    };

    internal static void RecordCommitted(UnitOfWorkScope scope, WorkflowCommit commit)
    {
        if (scope.Activity is { } activity && commit.Instances.Count > 0)
        {
            var instance = commit.Instances[0].Instance;
            activity.SetTag("owf.process_key", instance.ProcessKey);
            activity.SetTag("owf.instance_id", instance.Id.ToString());
            activity.SetTag("owf.instances", commit.Instances.Count);
        }

        if (Started.Enabled || Completed.Enabled || Terminated.Enabled || Incidents.Enabled)
        {
            CountHistory(commit.History);
        }
    }

    private static void CountHistory(List<HistoryEvent> history)
    {
        foreach (var entry in history)
        {
            switch (entry.Event)
            {
                case HistoryEventTypes.InstanceStarted:
                    Started.Add(1, new KeyValuePair<string, object?>("process", entry.ProcessKey));
                    break;
                case HistoryEventTypes.InstanceCompleted:
                    Completed.Add(1, new KeyValuePair<string, object?>("process", entry.ProcessKey));
                    break;
                case HistoryEventTypes.InstanceTerminated:
                    Terminated.Add(1, new KeyValuePair<string, object?>("process", entry.ProcessKey));
                    break;
                case HistoryEventTypes.Incident:
                    Incidents.Add(1, new KeyValuePair<string, object?>("process", entry.ProcessKey), new KeyValuePair<string, object?>("code", IncidentCodeOf(entry.Detail)));
                    break;
            }
        }
    }

    /// <summary>The incident's code from its history detail ("Code: message"), as one of the known constants so tags stay few.</summary>
    internal static string IncidentCodeOf(string? detail)
    {
        if (detail is null)
        {
            return "other";
        }

        var colon = detail.IndexOf(':');
        var code = colon < 0 ? detail.AsSpan() : detail.AsSpan(0, colon);
        foreach (var known in KnownIncidentCodes)
        {
            if (code.SequenceEqual(known))
            {
                return known;
            }
        }

        return "other";
    }

    internal static void RecordEnded(UnitOfWorkScope scope, bool committed)
    {
        if (Duration.Enabled)
        {
            var outcome = committed ? "committed" : "failed";
            Duration.Record(Stopwatch.GetElapsedTime(scope.StartTimestamp).TotalSeconds,
                new KeyValuePair<string, object?>("stimulus", scope.Stimulus), new KeyValuePair<string, object?>("outcome", outcome));
        }

        if (scope.Activity is { } activity)
        {
            if (!committed)
            {
                activity.SetStatus(ActivityStatusCode.Error, "The unit of work did not commit.");
            }

            activity.Dispose();
        }
    }
}

/// <summary>
/// One unit of work being measured: <see cref="Committed"/> after the store accepted it; disposing
/// without it records a failed unit (an exception, a concurrency conflict).
/// </summary>
internal sealed class UnitOfWorkScope(string stimulus, Activity? activity, long startTimestamp) : IDisposable
{
    public readonly string Stimulus = stimulus;
    public readonly Activity? Activity = activity;
    public readonly long StartTimestamp = startTimestamp;
    private bool _ended;

    /// <summary>Counts what the commit recorded and ends the measurement; the messages and signals it sends are units of their own.</summary>
    public void Committed(WorkflowCommit commit)
    {
        EngineTelemetry.RecordCommitted(this, commit);
        EngineTelemetry.RecordEnded(this, committed: true);
        _ended = true;
    }

    public void Dispose()
    {
        if (!_ended)
        {
            _ended = true;
            EngineTelemetry.RecordEnded(this, committed: false);
        }
    }
}
