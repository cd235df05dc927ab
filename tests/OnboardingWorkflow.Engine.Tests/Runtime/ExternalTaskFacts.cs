using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class ExternalTaskFacts
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static async Task<(EngineHarness Harness, ProcessInstance Instance)> StartedAsync(int priority = 0, string businessKey = "APP-1")
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/external-tasks.bpmn");
        return (harness, await harness.StartAsync("bureauCheck", new { priority, applicant = "Acme" }, businessKey));
    }

    private static FetchAndLockRequest Fetch(string worker, string topic = "credit-bureau", int max = 10, TimeSpan? lockFor = null, IReadOnlyList<string>? variables = null,
        bool usePriority = false) =>
        new(worker, max, [new ExternalTaskTopicRequest(topic, lockFor ?? 5 * Minute, variables)], usePriority);

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] items) => items.ToDictionary(i => i.Name, i => i.Value);

    [Fact]
    public async Task ReachingAnExternalTask_WaitsForAWorker_WhoFetchesLocksAndCompletesIt_WithDeclaredVariables()
    {
        var (harness, instance) = await StartedAsync(priority: 7);
        var waiting = Assert.Single(instance.Bookmarks);
        Assert.Equal((BookmarkKind.External, "lookup", "credit-bureau", 7L), (waiting.Kind, waiting.ElementId, waiting.Topic, waiting.Priority));

        var task = Assert.Single(await harness.Engine.FetchAndLockAsync(Fetch("worker-1")));

        Assert.Equal((waiting.Id, instance.Id, "lookup", "Credit bureau lookup", "APP-1", "worker-1"), (task.Id, task.InstanceId, task.ActivityId, task.ActivityName, task.BusinessKey, task.WorkerId));
        Assert.Equal(harness.Clock.GetUtcNow() + 5 * Minute, task.LockExpiresAt);
        Assert.Equal("Acme", task.Variables["applicant"]);
        Assert.Null(task.Retries);
        // Locking touched no instance state.
        Assert.Equal(instance.Revision, (await harness.ReloadAsync(instance)).Revision);

        instance = await harness.Engine.CompleteExternalTaskAsync(task.Id, "worker-1", Vars(("bureauScore", 640), ("bureauName", "Bureau A")), actor: "svc-bureau");

        Assert.Equal(640m, instance.Variables["bureauScore"]);
        Assert.Equal("Bureau A", instance.Variables["bureauName"]);
        var next = Assert.Single(instance.Bookmarks);
        Assert.Equal((BookmarkKind.External, "updateErp", "erp"), (next.Kind, next.ElementId, next.Topic));
        Assert.Contains(harness.Events, e => e.Event == HistoryEventTypes.Completed && e.ElementId == "lookup" && e.Actor == "svc-bureau");

        var erp = Assert.Single(await harness.Engine.FetchAndLockAsync(Fetch("erp-worker", "erp")));
        await harness.Engine.CompleteExternalTaskAsync(erp.Id, "erp-worker", null);
        Assert.Equal(InstanceStatus.Completed, (await harness.ReloadAsync(instance)).Status);
    }

    [Fact]
    public async Task ALockedTask_IsNotFetchedAgain_UntilItsLockExpires_ThenTheOldOwnerHasLostIt()
    {
        var (harness, _) = await StartedAsync();
        var first = Assert.Single(await harness.Engine.FetchAndLockAsync(Fetch("worker-1", lockFor: 2 * Minute)));

        Assert.Empty(await harness.Engine.FetchAndLockAsync(Fetch("worker-2")));
        harness.Clock.Advance(2 * Minute);
        var second = Assert.Single(await harness.Engine.FetchAndLockAsync(Fetch("worker-2")));
        Assert.Equal(first.Id, second.Id);

        var lost = await Assert.ThrowsAsync<ExternalTaskLockException>(() => harness.Engine.CompleteExternalTaskAsync(first.Id, "worker-1", Vars(("bureauScore", 1))));
        Assert.Contains("another worker holds it", lost.Message);
        await harness.Engine.CompleteExternalTaskAsync(second.Id, "worker-2", Vars(("bureauScore", 1)));
    }

    [Fact]
    public async Task ReportsOnATask_AreRefused_FromAWorkerWithoutItsLock_OrForATaskThatDoesNotExist()
    {
        var (harness, instance) = await StartedAsync();
        var taskId = Assert.Single(instance.Bookmarks).Id;

        var unlocked = await Assert.ThrowsAsync<ExternalTaskLockException>(() => harness.Engine.CompleteExternalTaskAsync(taskId, "worker-1", Vars(("bureauScore", 1))));
        Assert.Contains("not locked; fetch and lock it first", unlocked.Message);
        await harness.Engine.FetchAndLockAsync(Fetch("worker-1", lockFor: Minute));
        harness.Clock.Advance(Minute);
        var expired = await Assert.ThrowsAsync<ExternalTaskLockException>(() => harness.Engine.HandleExternalTaskFailureAsync(taskId, "worker-1", "down", null, 1, TimeSpan.Zero));
        Assert.Contains("the lock expired at 2026-03-02T08:01:00Z", expired.Message);
        await Assert.ThrowsAsync<ExternalTaskNotFoundException>(() => harness.Engine.CompleteExternalTaskAsync("nope", "worker-1", null));

        await harness.Engine.FetchAndLockAsync(Fetch("worker-1"));
        await harness.Engine.TerminateAsync(instance.Id, "withdrawn");
        await Assert.ThrowsAsync<ExternalTaskNotFoundException>(() => harness.Engine.CompleteExternalTaskAsync(taskId, "worker-1", Vars(("bureauScore", 1))));
    }

    [Fact]
    public async Task ACompletion_WithUndeclaredOrOutOfBoundsVariables_IsRefusedPerVariable_AndChangesNothing()
    {
        var (harness, instance) = await StartedAsync();
        var task = Assert.Single(await harness.Engine.FetchAndLockAsync(Fetch("worker-1")));

        var refused = await Assert.ThrowsAsync<TaskContractViolationException>(() => harness.Engine.CompleteExternalTaskAsync(task.Id, "worker-1",
            Vars(("bureauScore", 1200), ("bureauName", new string('x', 41)), ("approved", true))));

        Assert.Equal(["approved", "bureauName", "bureauScore"], refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("approved: is not declared by task 'lookup'", refused.Errors["approved"]);
        Assert.Contains("bureauScore: must be at most 999 (was 1200)", refused.Errors["bureauScore"]);
        var missing = await Assert.ThrowsAsync<TaskContractViolationException>(() => harness.Engine.CompleteExternalTaskAsync(task.Id, "worker-1", null));
        Assert.Contains("bureauScore: is required", missing.Errors["bureauScore"]);

        var after = await harness.ReloadAsync(instance);
        Assert.Equal((instance.Revision, "lookup"), (after.Revision, Assert.Single(after.Bookmarks).ElementId));
        Assert.False(after.Variables.ContainsKey("approved"));
        // Still locked by the worker, who can complete it properly.
        await harness.Engine.CompleteExternalTaskAsync(task.Id, "worker-1", Vars(("bureauScore", 700)));
    }

    [Fact]
    public async Task AFailure_LeavesTheRetriesTheWorkerSays_AndLocksTheTaskForItsRetryTimeout_NoneLeftIsAnIncident_ThatAnAdminRetries()
    {
        var (harness, instance) = await StartedAsync();
        var task = Assert.Single(await harness.Engine.FetchAndLockAsync(Fetch("worker-1")));

        await harness.Engine.HandleExternalTaskFailureAsync(task.Id, "worker-1", "bureau timed out", "HTTP 504 after 30 s", retries: 2, retryTimeout: 10 * Minute);

        Assert.Empty(await harness.Engine.FetchAndLockAsync(Fetch("worker-2")));
        harness.Clock.Advance(10 * Minute);
        var again = Assert.Single(await harness.Engine.FetchAndLockAsync(Fetch("worker-2")));
        Assert.Equal((2, "bureau timed out"), (again.Retries, again.ErrorMessage));
        Assert.Contains(harness.Events, e => e.Event == HistoryEventTypes.ExternalTaskFailed && e.ElementId == "lookup"
            && e.Detail == "worker worker-1 reported failure 1, 2 retries left: bureau timed out");

        instance = await harness.Engine.HandleExternalTaskFailureAsync(again.Id, "worker-2", "bureau gone", null, retries: 0, retryTimeout: 10 * Minute);

        var incident = Assert.Single(instance.Incidents);
        Assert.Equal((IncidentCodes.ExternalTaskFailed, "lookup"), (incident.Code, incident.ElementId));
        Assert.Contains("bureau gone", incident.Message);
        harness.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await harness.Engine.FetchAndLockAsync(Fetch("worker-3")));

        instance = await harness.Engine.RetryAsync(instance.Id, incident.Id, actor: "admin");

        Assert.Empty(instance.Incidents);
        var fresh = Assert.Single(await harness.Engine.FetchAndLockAsync(Fetch("worker-3")));
        Assert.Equal((task.Id, null), (fresh.Id, fresh.Retries));
        await harness.Engine.CompleteExternalTaskAsync(fresh.Id, "worker-3", Vars(("bureauScore", 500)));
        Assert.Equal("updateErp", Assert.Single((await harness.ReloadAsync(instance)).Bookmarks).ElementId);
    }

    [Fact]
    public async Task ABpmnError_FromTheWorker_IsCaughtByTheErrorBoundaryEvent_WithItsDeclaredVariables()
    {
        var (harness, instance) = await StartedAsync();
        var task = Assert.Single(await harness.Engine.FetchAndLockAsync(Fetch("worker-1")));

        await Assert.ThrowsAsync<TaskContractViolationException>(() =>
            harness.Engine.HandleExternalTaskBpmnErrorAsync(task.Id, "worker-1", "NO_RECORD", null, Vars(("reason", "unknown"))));
        instance = await harness.Engine.HandleExternalTaskBpmnErrorAsync(task.Id, "worker-1", "NO_RECORD", "no file at the bureau", Vars(("bureauName", "Bureau A")));

        var waiting = Assert.Single(instance.Bookmarks);
        Assert.Equal((BookmarkKind.Trigger, "manualCheck"), (waiting.Kind, waiting.ElementId));
        Assert.Equal("Bureau A", instance.Variables["bureauName"]);
        Assert.Contains(harness.Events, e => e.Event == HistoryEventTypes.ErrorThrown && e.ElementId == "lookup" && e.Detail == "NO_RECORD: no file at the bureau");
        await Assert.ThrowsAsync<ExternalTaskNotFoundException>(() => harness.Engine.CompleteExternalTaskAsync(task.Id, "worker-1", Vars(("bureauScore", 1))));
    }

    [Fact]
    public async Task AnUncaughtBpmnError_FromTheWorker_IsAnUnhandledErrorIncident_AndItsRetryMakesANewTask()
    {
        var (harness, instance) = await StartedAsync();
        var task = Assert.Single(await harness.Engine.FetchAndLockAsync(Fetch("worker-1")));

        instance = await harness.Engine.HandleExternalTaskBpmnErrorAsync(task.Id, "worker-1", "BUREAU_BANNED", null, null);

        var incident = Assert.Single(instance.Incidents);
        Assert.Equal((IncidentCodes.UnhandledError, "lookup"), (incident.Code, incident.ElementId));
        Assert.Empty(instance.Bookmarks);
        instance = await harness.Engine.RetryAsync(instance.Id, incident.Id);
        var retried = Assert.Single(instance.Bookmarks);
        Assert.Equal((BookmarkKind.External, "lookup"), (retried.Kind, retried.ElementId));
        Assert.NotEqual(task.Id, retried.Id);
    }

    [Fact]
    public async Task Fetching_WithPriority_TakesTheHighestFirst_UpToMaxTasks_AndHandsOutOnlyTheNamedVariables()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/external-tasks.bpmn");
        var low = await harness.StartAsync("bureauCheck", new { priority = 1, applicant = "Low" });
        var high = await harness.StartAsync("bureauCheck", new { priority = 9, applicant = "High" });
        var middle = await harness.StartAsync("bureauCheck", new { priority = 5, applicant = "Middle" });

        var fetched = await harness.Engine.FetchAndLockAsync(Fetch("worker-1", max: 2, variables: ["applicant", "unknownName"], usePriority: true));

        Assert.Equal([high.Id, middle.Id], fetched.Select(t => t.InstanceId));
        Assert.All(fetched, t => Assert.Equal(["applicant"], t.Variables.Keys));
        Assert.Equal(low.Id, Assert.Single(await harness.Engine.FetchAndLockAsync(Fetch("worker-2"))).InstanceId);
        Assert.Empty(await harness.Engine.FetchAndLockAsync(Fetch("worker-2", topic: "erp")));
    }

    [Fact]
    public async Task AWorker_ExtendsOrReleasesItsLock_AndOthersCannot()
    {
        var (harness, _) = await StartedAsync();
        var task = Assert.Single(await harness.Engine.FetchAndLockAsync(Fetch("worker-1", lockFor: Minute)));

        await Assert.ThrowsAsync<ExternalTaskLockException>(() => harness.Engine.ExtendExternalTaskLockAsync(task.Id, "worker-2", 10 * Minute));
        var until = await harness.Engine.ExtendExternalTaskLockAsync(task.Id, "worker-1", 10 * Minute);
        harness.Clock.Advance(5 * Minute);
        Assert.Empty(await harness.Engine.FetchAndLockAsync(Fetch("worker-2")));
        Assert.Equal(until, Assert.Single(await harness.Engine.QueryExternalTasksAsync(new ExternalTaskQuery { Locked = true })).LockExpiresAt);

        await harness.Engine.UnlockExternalTaskAsync(task.Id, "worker-1");

        Assert.Equal("worker-2", Assert.Single(await harness.Engine.FetchAndLockAsync(Fetch("worker-2"))).WorkerId);
    }
}
