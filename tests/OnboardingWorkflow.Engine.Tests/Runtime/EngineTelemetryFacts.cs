using System.Diagnostics;
using System.Diagnostics.Metrics;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

/// <summary>The engine's meter and activity source, heard through the BCL listeners a host's telemetry uses.</summary>
[Collection(EngineTelemetryCollection.Name)]
public sealed class EngineTelemetryFacts : IDisposable
{
    private readonly TelemetryRecorder _recorder = new();

    public void Dispose() => _recorder.Dispose();

    [Fact]
    public async Task ApprovalFlow_CountsOneStartAndOneCompletion_AndMeasuresEachUnitOfWork()
    {
        var harness = new EngineHarness();
        await harness.Engine.DeployAsync(File.ReadAllText(TestFiles.Shared("bench", "approval.bpmn")));
        var instance = await harness.StartAsync("approvalBench", new { amount = 5000 });
        while (instance.Status == InstanceStatus.Waiting)
        {
            var task = Assert.Single(await harness.OpenTasksAsync(instance.Id));
            instance = await harness.Engine.CompleteTaskAsync(task.Id);
        }

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(1, _recorder.Sum("owf.engine.instances.started", ("process", "approvalBench")));
        Assert.Equal(1, _recorder.Sum("owf.engine.instances.completed", ("process", "approvalBench")));
        Assert.Equal(0, _recorder.Sum("owf.engine.incidents"));
        Assert.Equal(["start", "task", "task"], _recorder.Durations.Select(d => d.Stimulus));
        Assert.All(_recorder.Durations, d => Assert.Equal("committed", d.Outcome));
        Assert.All(_recorder.Durations, d => Assert.True(d.Seconds >= 0));
        Assert.Equal(["start", "task", "task"], _recorder.Activities.Select(a => a.GetTagItem("owf.stimulus")));
        Assert.All(_recorder.Activities, a => Assert.Equal(instance.Id.ToString(), a.GetTagItem("owf.instance_id")));
        Assert.All(_recorder.Activities, a => Assert.Equal(ActivityStatusCode.Unset, a.Status));
    }

    [Fact]
    public async Task FailingHandler_CountsAnIncidentByCode_AndTheRetryAsItsOwnUnitOfWork()
    {
        var calls = 0;
        var handlers = new HandlerRegistry()
            .Register("creditBureau", context =>
            {
                if (++calls == 1)
                {
                    throw new TimeoutException("bureau did not answer");
                }

                context.Result = "ok";
            })
            .Register("decisionRules", _ => { });
        var harness = new EngineHarness(handlers);
        await harness.DeployAsync("runtime/service-errors.bpmn");

        var instance = await harness.StartAsync("serviceErrors");
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal(1, _recorder.Sum("owf.engine.incidents", ("process", "serviceErrors"), ("code", IncidentCodes.HandlerFailed)));
        Assert.Equal(0, _recorder.Sum("owf.engine.instances.completed"));

        await harness.Engine.RetryAsync(instance.Id, incident.Id, "operator");

        Assert.Equal(1, _recorder.Sum("owf.engine.incidents"));
        Assert.Equal(1, _recorder.Sum("owf.engine.instances.completed", ("process", "serviceErrors")));
        Assert.Equal(["start", "retry"], _recorder.Durations.Select(d => d.Stimulus));
    }

    [Fact]
    public async Task TimerFiring_IsMeasuredAsATimerUnitOfWork()
    {
        var harness = new EngineHarness(new HandlerRegistry().Register("sendReminder", _ => { }));
        await harness.DeployAsync("runtime/reminder-cycle.bpmn");
        await harness.StartAsync("reminders", new { maker = "sam" });

        await harness.AdvanceAsync(TimeSpan.FromHours(25));

        Assert.Contains(_recorder.Durations, d => d.Stimulus == "timer" && d.Outcome == "committed");
    }

    [Theory]
    [InlineData("HandlerFailed: System.TimeoutException: late", IncidentCodes.HandlerFailed)]
    [InlineData("Runaway", IncidentCodes.Runaway)]
    [InlineData("SomethingNew: text", "other")]
    [InlineData(null, "other")]
    public void IncidentCode_IsOneOfTheKnownCodes_SoTagsStayFew(string? detail, string expected) =>
        Assert.Equal(expected, EngineTelemetry.IncidentCodeOf(detail));

    /// <summary>Records this engine's measurements and spans for the test's duration.</summary>
    private sealed class TelemetryRecorder : IDisposable
    {
        private readonly MeterListener _meters = new();
        private readonly ActivityListener _activities;
        private readonly List<(string Name, long Value, KeyValuePair<string, object?>[] Tags)> _counts = [];

        public TelemetryRecorder()
        {
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == EngineTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                lock (_counts)
                {
                    _counts.Add((instrument.Name, value, tags.ToArray()));
                }
            });
            _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            {
                lock (Durations)
                {
                    Durations.Add((value, Tag(tags, "stimulus"), Tag(tags, "outcome")));
                }
            });
            _meters.Start();
            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == EngineTelemetry.Name,
                Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    lock (Activities)
                    {
                        Activities.Add(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_activities);
        }

        public List<(double Seconds, string? Stimulus, string? Outcome)> Durations { get; } = [];
        public List<Activity> Activities { get; } = [];

        public long Sum(string instrument, params (string Key, string Value)[] tags)
        {
            lock (_counts)
            {
                return _counts.Where(c => c.Name == instrument && tags.All(t => c.Tags.Any(k => k.Key == t.Key && Equals(k.Value, t.Value)))).Sum(c => c.Value);
            }
        }

        private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == key)
                {
                    return tag.Value as string;
                }
            }

            return null;
        }

        public void Dispose()
        {
            _meters.Dispose();
            _activities.Dispose();
        }
    }
}

/// <summary>Listeners hear the whole process: these facts run alone so other tests' engines add nothing.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EngineTelemetryCollection
{
    public const string Name = "Engine telemetry";
}
