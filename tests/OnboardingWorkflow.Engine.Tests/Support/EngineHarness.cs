using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Engine.Tests.Support;

/// <summary>
/// An engine on in-memory stores with a manual clock and a recording history sink, plus helpers
/// to drive an instance and read the path it took.
/// </summary>
public sealed class EngineHarness : IHistorySink
{
    private readonly List<HistoryEvent> _events = [];

    public EngineHarness(HandlerRegistry? handlers = null, InMemoryInstanceStore? store = null, InMemoryDefinitionStore? definitions = null, ManualClock? clock = null,
        bool allowUndeclaredVariables = false, int maxCompletionBytes = 64 * 1024, ScriptLimits? scriptLimits = null,
        Func<InMemoryInstanceStore, IInstanceStore>? wrapStore = null, Action<DispatchFailure>? dispatchFailures = null)
    {
        Clock = clock ?? new ManualClock(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        Store = store ?? new InMemoryInstanceStore();
        Definitions = definitions ?? new InMemoryDefinitionStore();
        Handlers = handlers ?? new HandlerRegistry();
        Engine = new WorkflowEngine(new WorkflowEngineOptions
        {
            Instances = wrapStore is null ? Store : wrapStore(Store),
            Definitions = Definitions,
            Clock = Clock,
            Handlers = Handlers,
            HistorySinks = [this],
            AllowUndeclaredVariables = allowUndeclaredVariables,
            MaxCompletionBytes = maxCompletionBytes,
            ScriptLimits = scriptLimits ?? ScriptLimits.Default,
            DispatchFailureObserver = dispatchFailures,
        });
    }

    public WorkflowEngine Engine { get; }
    public InMemoryInstanceStore Store { get; }
    public InMemoryDefinitionStore Definitions { get; }
    public ManualClock Clock { get; }
    public HandlerRegistry Handlers { get; }

    public IReadOnlyList<HistoryEvent> Events => _events;

    public void Append(IReadOnlyList<HistoryEvent> events) => _events.AddRange(events);

    public async Task<DeploymentResult> DeployAsync(params string[] files)
    {
        DeploymentResult? last = null;
        foreach (var file in files)
        {
            last = await Engine.DeployAsync(TestFiles.ReadBpmn(file), file);
        }

        return last!;
    }

    public Task<ProcessInstance> StartAsync(string key, object? variables = null, string? businessKey = null, string? actor = "starter") =>
        Engine.StartAsync(key, ToVariables(variables), businessKey, actor);

    public async Task<ProcessInstance> ReloadAsync(ProcessInstance instance) => (await Engine.GetInstanceAsync(instance.Id))!;

    public Task<IReadOnlyList<TaskRecord>> OpenTasksAsync(Guid instanceId) => Store.QueryTasksAsync(new TaskQuery { InstanceId = instanceId });

    /// <summary>Completes the one open task of the element, failing when there is none or several.</summary>
    public async Task<ProcessInstance> CompleteAsync(ProcessInstance instance, string elementId, object? variables = null, string? actor = "approver")
    {
        var tasks = (await OpenTasksAsync(instance.Id)).Where(t => t.ElementId == elementId).ToList();
        Assert.True(tasks.Count > 0, $"No open task '{elementId}'; open: {string.Join(", ", (await OpenTasksAsync(instance.Id)).Select(t => t.ElementId))}");
        return await Engine.CompleteTaskAsync(tasks[0].Id, ToVariables(variables), actor);
    }

    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Engine.RunDueJobsAsync();
    }

    /// <summary>The element ids completed by an instance, in order.</summary>
    public IReadOnlyList<string> CompletedPath(Guid instanceId) =>
        _events.Where(e => e.InstanceId == instanceId && e.Event == HistoryEventTypes.Completed).Select(e => e.ElementId).ToList();

    public int CountEvents(Guid instanceId, string type, string elementId) =>
        _events.Count(e => e.InstanceId == instanceId && e.Event == type && e.ElementId == elementId);

    public static Dictionary<string, object?>? ToVariables(object? variables) => variables switch
    {
        null => null,
        Dictionary<string, object?> map => map,
        _ => variables.GetType().GetProperties().ToDictionary(p => p.Name, p => Variables.Normalize(p.GetValue(variables))),
    };
}
