using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Data.Tests.Support;

/// <summary>
/// A workflow engine on the EF stores over its own DbContext, as one server process would have
/// it. Two of them on the same database behave like two servers; a new one after the old is
/// disposed behaves like a restart.
/// </summary>
public sealed class EfEngine : IAsyncDisposable
{
    public EfEngine(TestDatabase database, ManualClock clock, HandlerRegistry? handlers = null, Func<IInstanceStore, IInstanceStore>? wrapStore = null)
    {
        Db = database.CreateContext();
        Clock = clock;
        Definitions = new EfDefinitionStore(Db);
        Instances = new EfInstanceStore(Db);
        Engine = new WorkflowEngine(new WorkflowEngineOptions
        {
            Definitions = Definitions,
            Instances = wrapStore?.Invoke(Instances) ?? Instances,
            Clock = clock,
            Handlers = handlers ?? new HandlerRegistry(),
        });
    }

    public OnboardingDbContext Db { get; }
    public ManualClock Clock { get; }
    public EfDefinitionStore Definitions { get; }
    public EfInstanceStore Instances { get; }
    public WorkflowEngine Engine { get; }

    public Task<DeploymentResult> DeployAsync(string runtimeBpmn) =>
        Engine.DeployAsync(RepositoryFiles.ReadRuntimeBpmn(runtimeBpmn), runtimeBpmn);

    public Task<ProcessInstance> StartAsync(string key, Dictionary<string, object?>? variables = null, string? businessKey = null) =>
        Engine.StartAsync(key, variables, businessKey, actor: "starter");

    public Task<IReadOnlyList<TaskRecord>> OpenTasksAsync(Guid instanceId) =>
        Instances.QueryTasksAsync(new TaskQuery { InstanceId = instanceId });

    public async Task<TaskRecord> OpenTaskAsync(Guid instanceId, string elementId)
    {
        var open = await OpenTasksAsync(instanceId);
        return open.SingleOrDefault(t => t.ElementId == elementId)
            ?? throw new InvalidOperationException($"No single open task '{elementId}'; open: {string.Join(", ", open.Select(t => t.ElementId))}");
    }

    public async Task<ProcessInstance> CompleteAsync(Guid instanceId, string elementId, Dictionary<string, object?>? variables = null, string actor = "approver") =>
        await Engine.CompleteTaskAsync((await OpenTaskAsync(instanceId, elementId)).Id, variables, actor);

    public async Task<ProcessInstance> ReloadAsync(Guid instanceId) =>
        await Instances.FindAsync(instanceId) ?? throw new InvalidOperationException($"Instance {instanceId} is not stored.");

    /// <summary>The element ids the stored history shows completed, in order.</summary>
    public async Task<IReadOnlyList<string>> CompletedPathAsync(Guid instanceId) =>
        (await Instances.GetHistoryAsync(instanceId)).Where(e => e.Event == HistoryEventTypes.Completed).Select(e => e.ElementId).ToList();

    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Engine.RunDueJobsAsync();
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}

/// <summary>Holds every commit until all parties have reached theirs, so their units of work overlap for certain.</summary>
public sealed class CommitGate(int parties)
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public Task ArriveAsync()
    {
        if (Interlocked.Increment(ref _arrived) == parties)
        {
            _all.TrySetResult();
        }

        return _all.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
