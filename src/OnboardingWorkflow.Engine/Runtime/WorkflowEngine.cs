using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Parsing;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>One deployed process of a deployment: its key, version, and whether this deployment created it.</summary>
public sealed record DeployedProcess(string Key, int Version, bool IsNewVersion);

/// <summary>What a deployment did, and the warnings the BPMN raised.</summary>
public sealed record DeploymentResult(IReadOnlyList<DeployedProcess> Processes, IReadOnlyList<Diagnostic> Warnings);

/// <summary>What a message correlation reached.</summary>
public sealed record CorrelationResult(IReadOnlyList<Guid> ResumedInstances, IReadOnlyList<Guid> StartedInstances)
{
    public bool Matched => ResumedInstances.Count + StartedInstances.Count > 0;
}

/// <summary>
/// The workflow engine: deploys BPMN, starts instances and resumes them on every stimulus (task
/// completion, message, due timer, async job, retry). Each stimulus is one unit of work committed
/// to the stores at once with optimistic concurrency.
/// </summary>
public sealed partial class WorkflowEngine
{
    public WorkflowEngine(WorkflowEngineOptions? options = null)
    {
        Options = options ?? new WorkflowEngineOptions();
        Scripts = Options.Scripts ?? new ScriptRuntime(Options.ScriptLimits);
    }

    public WorkflowEngineOptions Options { get; }

    internal ScriptRuntime Scripts { get; }

    internal TimeProvider Clock => Options.Clock;

    // ---- definitions

    /// <summary>
    /// Validates and deploys a BPMN file. Changed XML for a process key makes a new version;
    /// the same XML again does not. Throws <see cref="BpmnValidationException"/> when it has errors.
    /// </summary>
    public async Task<DeploymentResult> DeployAsync(string xml, string? resourceName = null, CancellationToken cancellationToken = default)
    {
        var document = BpmnParser.Parse(xml);
        if (document.HasErrors)
        {
            throw new BpmnValidationException(document.Diagnostics);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml.ReplaceLineEndings("\n").Trim())));
        var deployed = new List<DeployedProcess>();
        foreach (var process in document.ExecutableProcesses)
        {
            var latest = await Options.Definitions.FindLatestAsync(process.Key, cancellationToken);
            if (latest is not null && latest.Hash == hash)
            {
                deployed.Add(new DeployedProcess(process.Key, latest.Version, IsNewVersion: false));
                continue;
            }

            process.Version = (latest?.Version ?? 0) + 1;
            var startTimers = ResolveStartTimers(process);
            await Options.Definitions.AddAsync(new DeployedDefinition(process.Key, process.Version, process.Name, xml, hash, Clock.GetUtcNow(), resourceName), cancellationToken);
            Options.DefinitionCache.GetOrAdd(process);
            await ScheduleStartTimersAsync(process, startTimers, cancellationToken);
            deployed.Add(new DeployedProcess(process.Key, process.Version, IsNewVersion: true));
        }

        return new DeploymentResult(deployed, document.Diagnostics.Where(d => !d.IsError).ToList());
    }

    private async Task ScheduleStartTimersAsync(ProcessDefinition process, IReadOnlyList<StartTimer> timers, CancellationToken cancellationToken)
    {
        var commit = new WorkflowCommit { ReplaceStartTimersOf = process.Key };
        commit.StartTimers.AddRange(timers);
        await Options.Instances.CommitAsync(commit, cancellationToken);
    }

    /// <summary>
    /// Resolves the timer start events of a process now, so a timer that cannot be scheduled
    /// refuses the deployment with a diagnostic instead of failing later.
    /// </summary>
    private List<StartTimer> ResolveStartTimers(ProcessDefinition process)
    {
        var timers = new List<StartTimer>();
        var problems = new List<Diagnostic>();
        var now = Clock.GetUtcNow();
        foreach (var start in process.TimerStarts)
        {
            try
            {
                var text = Variables.AsText(Scripts.Evaluate(start.Timer!.Value, EmptyReader.Instance)) ?? string.Empty;
                var schedule = TimerSchedule.Resolve(start.Timer.Kind, text, now);
                timers.Add(new StartTimer
                {
                    Id = $"{process.Key}:{process.Version}:{start.Id}",
                    ProcessKey = process.Key,
                    ProcessVersion = process.Version,
                    ElementId = start.Id,
                    DueAt = schedule.DueAt,
                    CycleInterval = schedule.Interval?.ToString(),
                    CycleRemaining = schedule.RemainingAfterThis,
                });
            }
            catch (Exception ex) when (ex is FormatException or ExpressionException or ArgumentOutOfRangeException)
            {
                problems.Add(new Diagnostic(DiagnosticCodes.InvalidTimer, Severity.Error,
                    $"The timer start event cannot be scheduled (it has no process variables to use): {ex.Message}", start.Position.Line, start.Position.Column, start.Id));
            }
        }

        return problems.Count > 0 ? throw new BpmnValidationException(problems) : timers;
    }

    /// <summary>The next due time of a cycle, or null when it is exhausted or runs off the calendar.</summary>
    internal static DateTimeOffset? NextInCycle(string interval, DateTimeOffset previous)
    {
        try
        {
            return IsoDuration.Parse(interval).AddTo(previous);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>A deployed version, parsed once and cached.</summary>
    public async Task<ProcessDefinition> GetDefinitionAsync(string key, int version, CancellationToken cancellationToken = default)
    {
        if (Options.DefinitionCache.TryGet(key, version, out var cached))
        {
            return cached;
        }

        var stored = await Options.Definitions.FindAsync(key, version, cancellationToken) ?? throw new ProcessNotFoundException($"{key} v{version}");
        return Cache(stored);
    }

    public async Task<ProcessDefinition?> FindLatestDefinitionAsync(string key, CancellationToken cancellationToken = default) =>
        await Options.Definitions.FindLatestVersionAsync(key, cancellationToken) is { } version
            ? await GetDefinitionAsync(key, version, cancellationToken)
            : null;

    private ProcessDefinition Cache(DeployedDefinition stored)
    {
        var document = BpmnParser.Parse(stored.Xml);
        var process = document.Processes.FirstOrDefault(p => p.Key == stored.Key)
            ?? throw new ProcessNotFoundException($"{stored.Key} v{stored.Version}");
        process.Version = stored.Version;
        return Options.DefinitionCache.GetOrAdd(process);
    }

    // ---- stimuli

    /// <summary>Starts an instance of the latest version at its none start event and runs it to its first wait states.</summary>
    public async Task<ProcessInstance> StartAsync(string processKey, IDictionary<string, object?>? variables = null, string? businessKey = null,
        string? actor = null, CancellationToken cancellationToken = default) =>
        await StartAsync(processKey, variables, businessKey, actor, instanceId: null, cancellationToken);

    /// <summary>
    /// Starts an instance under an id the caller chose, so a case row that refers to its instance
    /// is saved in the same unit of work as the instance's first steps.
    /// </summary>
    public async Task<ProcessInstance> StartAsync(string processKey, IDictionary<string, object?>? variables, string? businessKey,
        string? actor, Guid? instanceId, CancellationToken cancellationToken = default)
    {
        var definition = await FindLatestDefinitionAsync(processKey, cancellationToken) ?? throw new ProcessNotFoundException(processKey);
        var start = definition.Root.NoneStart ?? throw new InvalidWorkflowOperationException($"The process '{processKey}' has no start event without a trigger.");
        var execution = new Execution(this, actor);
        var context = execution.CreateInstance(definition, start, variables, businessKey, instanceId: instanceId);
        await RunAndCommitAsync(execution, cancellationToken);
        return context.Instance;
    }

    /// <summary>
    /// Completes a user task with output variables. Throws <see cref="TaskNotFoundException"/>,
    /// <see cref="TaskAlreadyEndedException"/>, <see cref="MakerCheckerException"/>,
    /// <see cref="TaskContractViolationException"/> when the variables break the task's contract
    /// (nothing is changed then), or <see cref="ConcurrencyException"/> when another unit of work
    /// completed it first.
    /// </summary>
    public async Task<ProcessInstance> CompleteTaskAsync(string taskId, IDictionary<string, object?>? variables = null, string? actor = null,
        CancellationToken cancellationToken = default)
    {
        var task = await Options.Instances.FindTaskWithInstanceAsync(taskId, cancellationToken) ?? throw new TaskNotFoundException(taskId);
        if (task.Status != UserTaskStatus.Open)
        {
            throw new TaskAlreadyEndedException(taskId, task.Status);
        }

        var execution = new Execution(this, actor);
        var context = task.Instance is { } instance
            ? await execution.AttachAsync(instance, cancellationToken)
            : throw new InstanceNotFoundException(task.InstanceId);
        var bookmark = context.Instance.Bookmarks.Find(b => b.Id == taskId && b.Kind == BookmarkKind.UserTask)
            ?? throw new ConcurrencyException($"Task '{taskId}' was ended by another unit of work.");
        var node = context.Definition.GetNode(bookmark.ElementId);
        FourEyesRule.Check(node, context.Instance, taskId, actor);
        var accepted = new TaskContractCheck(node, Options, context.Instance.ProtectedVariables).Check(taskId, variables);
        FourEyesRule.Record(node, context.Instance, actor);
        await execution.CompleteUserTaskAsync(context, bookmark, accepted, cancellationToken);
        await RunAndCommitAsync(execution, cancellationToken);
        return context.Instance;
    }

    /// <summary>
    /// Checks a completion without making it: the four-eyes rule for <paramref name="actor"/> and
    /// the task's contract, with the same exceptions as <see cref="CompleteTaskAsync"/>. Returns
    /// the variables in their stored form (a decimal field as a decimal), so a caller applies its
    /// own rules to typed values before it completes the task.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, object?>> CheckCompletionAsync(string taskId, IDictionary<string, object?>? variables, string? actor,
        CancellationToken cancellationToken = default)
    {
        var task = await Options.Instances.FindTaskAsync(taskId, cancellationToken) ?? throw new TaskNotFoundException(taskId);
        if (task.Status != UserTaskStatus.Open)
        {
            throw new TaskAlreadyEndedException(taskId, task.Status);
        }

        var instance = await Options.Instances.FindAsync(task.InstanceId, cancellationToken) ?? throw new InstanceNotFoundException(task.InstanceId);
        var definition = await GetDefinitionAsync(instance.ProcessKey, instance.ProcessVersion, cancellationToken);
        var node = definition.GetNode(task.ElementId);
        FourEyesRule.Check(node, instance, taskId, actor);
        return new TaskContractCheck(node, Options, instance.ProtectedVariables).Check(taskId, variables);
    }

    /// <summary>
    /// Delivers a message to every waiting receive task, catch event and boundary event with that
    /// name (and key, when given); when none waits, starts the processes with that message start event.
    /// </summary>
    public Task<CorrelationResult> CorrelateMessageAsync(string messageName, string? correlationKey = null,
        IDictionary<string, object?>? variables = null, string? actor = null, CancellationToken cancellationToken = default) =>
        DeliverToAllAsync(DispatchKind.Message, messageName, correlationKey, variables, actor, null, cancellationToken);

    /// <summary>
    /// Broadcasts a signal: every instance waiting for it (a catch event, a boundary event, an
    /// event-based gateway) goes on, each in a unit of work of its own, and every process whose
    /// latest version has a signal start event of that name starts. Unlike a message, a signal is
    /// not correlated: it reaches all, or none when nobody waits.
    /// </summary>
    public Task<CorrelationResult> BroadcastSignalAsync(string signalName, IDictionary<string, object?>? variables = null, string? actor = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signalName);
        return DeliverToAllAsync(DispatchKind.Signal, signalName, null, variables, actor, null, cancellationToken);
    }

    /// <summary>
    /// A message or signal to every instance waiting for it, each in a unit of work of its own, then
    /// to the start events it starts (a message's only when no instance took it). For a stored
    /// dispatch, each of those commits records its delivery, and targets it already reached are
    /// passed over, so running it again after a crash reaches only the ones it missed.
    /// </summary>
    private async Task<CorrelationResult> DeliverToAllAsync(DispatchKind kind, string name, string? correlationKey, IDictionary<string, object?>? variables,
        string? actor, Delivery? delivery, CancellationToken cancellationToken)
    {
        var subscriptions = kind == DispatchKind.Message
            ? await Options.Instances.FindMessageSubscriptionsAsync(name, correlationKey, cancellationToken)
            : await Options.Instances.FindSignalSubscriptionsAsync(name, cancellationToken);
        var resumed = await ResumeAsync(subscriptions, variables, actor, delivery, cancellationToken);
        var started = new List<Guid>();
        if (kind == DispatchKind.Message && (resumed.Count > 0 || delivery?.ReachedAnInstance == true))
        {
            return new CorrelationResult(resumed, started);
        }

        foreach (var stored in await Options.Definitions.ListLatestAsync(cancellationToken))
        {
            var definition = await GetDefinitionAsync(stored.Key, stored.Version, cancellationToken);
            foreach (var start in kind == DispatchKind.Message ? definition.MessageStarts : definition.SignalStarts)
            {
                var startName = kind == DispatchKind.Message ? start.MessageName! : start.SignalName!;
                if (Variables.AsText(Scripts.Evaluate(startName, EmptyReader.Instance)) != name)
                {
                    continue;
                }

                var target = Dispatch.StartTarget(definition.Key, start.Id);
                if (delivery?.Reached.Contains(target) == true)
                {
                    continue;
                }

                var execution = new Execution(this, actor);
                var context = execution.CreateInstance(definition, start, variables, kind == DispatchKind.Message ? correlationKey : null);
                if (await CommitDeliveryAsync(execution, delivery, target, cancellationToken))
                {
                    started.Add(context.Instance.Id);
                }
            }
        }

        return new CorrelationResult(resumed, started);
    }

    /// <summary>How often a delivery to one instance is tried when other units of work keep changing it first.</summary>
    private const int DeliveryAttempts = 5;

    /// <summary>
    /// Fires the subscribed bookmarks, one unit of work per instance; the instances that went on.
    /// One instance does not keep the others from their delivery: one changed meanwhile by another
    /// unit of work is read again and tried again; one that ended, vanished or no longer waits is
    /// passed over; a fault is raised only after every other instance had its turn.
    /// </summary>
    private async Task<List<Guid>> ResumeAsync(IReadOnlyList<BookmarkRef> subscriptions, IDictionary<string, object?>? variables, string? actor,
        Delivery? delivery, CancellationToken cancellationToken)
    {
        var resumed = new List<Guid>();
        ExceptionDispatchInfo? fault = null;
        foreach (var group in subscriptions.GroupBy(s => s.InstanceId))
        {
            try
            {
                if (await DeliverAsync(group.Key, [.. group.Select(s => s.BookmarkId)], variables, actor, delivery, cancellationToken))
                {
                    resumed.Add(group.Key);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Options.Instances.DiscardPending();
                fault ??= ExceptionDispatchInfo.Capture(ex);
            }
        }

        fault?.Throw();
        return resumed;
    }

    /// <summary>Fires the given bookmarks of one instance in one unit of work; whether any fired.</summary>
    private async Task<bool> DeliverAsync(Guid instanceId, string[] bookmarkIds, IDictionary<string, object?>? variables, string? actor,
        Delivery? delivery, CancellationToken cancellationToken)
    {
        var target = Dispatch.InstanceTarget(instanceId);
        if (delivery?.Reached.Contains(target) == true)
        {
            return false;
        }

        for (var attempt = 1; ; attempt++)
        {
            var execution = new Execution(this, actor);
            InstanceContext context;
            try
            {
                context = await execution.LoadAsync(instanceId, cancellationToken);
            }
            catch (InstanceNotFoundException)
            {
                return false; // deleted since the subscriptions were read
            }

            var fired = false;
            foreach (var bookmarkId in bookmarkIds)
            {
                // Looked up after each firing: one may end the instance or withdraw the others (an event-based gateway).
                var bookmark = context.Instance.Bookmarks.Find(b => b.Id == bookmarkId);
                if (bookmark is not null && !context.Instance.IsEnded)
                {
                    await execution.FireAsync(context, bookmark, variables, cancellationToken);
                    fired = true;
                }
            }

            if (!fired)
            {
                return false; // it moved on since the subscriptions were read
            }

            try
            {
                return await CommitDeliveryAsync(execution, delivery, target, cancellationToken);
            }
            catch (ConcurrencyException) when (attempt < DeliveryAttempts)
            {
                Options.Instances.DiscardPending(); // changed meanwhile: read it again and deliver to what still waits
            }
        }
    }

    /// <summary>
    /// Fires every timer and async job due now (the clock's time), including timer start events,
    /// and delivers the thrown messages and signals still stored once they are due (their thrower
    /// could not deliver them: it stopped, or a receiver failed), until none is left. Safe to run repeatedly and on several servers: each firing is claimed
    /// first (<see cref="IInstanceStore.ClaimDueAsync"/>), so one sweep runs it and the others
    /// leave it, and its commit releases the claim; should two fire it still, the second commit
    /// fails on the revision and is skipped.
    /// </summary>
    public async Task<int> RunDueJobsAsync(int batchSize = 100, CancellationToken cancellationToken = default)
    {
        var fired = 0;
        for (var round = 0; round < 100_000; round++)
        {
            var now = Clock.GetUtcNow();
            var due = await Options.Instances.FindDueAsync(now, batchSize, cancellationToken);
            var starts = await Options.Instances.FindDueStartTimersAsync(now, batchSize, cancellationToken);
            var dispatches = await Options.Instances.FindDueDispatchesAsync(now, batchSize, cancellationToken);
            if (due.Count == 0 && starts.Count == 0 && dispatches.Count == 0)
            {
                break;
            }

            foreach (var dispatch in dispatches)
            {
                fired += await RedeliverAsync(dispatch, now, cancellationToken) ? 1 : 0;
            }

            // Fire in due order. A firing can arm work due before the rest of the batch (the next
            // turn of a cycle, a timer on the path it took): then the batch is read again, so a
            // large clock step still fires everything in the order it fell due.
            for (var i = 0; i < due.Count; i++)
            {
                var next = i + 1 < due.Count ? due[i + 1].DueAt : null;
                var (wasFired, earliestArmed) = await FireDueAsync(due[i], now, cancellationToken);
                fired += wasFired ? 1 : 0;
                if (earliestArmed is { } armed && (next is null ? armed <= now : armed < next))
                {
                    break;
                }
            }

            foreach (var timer in starts)
            {
                fired += await FireStartTimerAsync(timer, cancellationToken) ? 1 : 0;
            }
        }

        return fired;
    }

    /// <summary>Who claims due work in this process: machine, process and engine.</summary>
    private readonly string _claimOwner = $"sweep:{(Environment.MachineName.Length > 100 ? Environment.MachineName[..100] : Environment.MachineName)}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Fires one due bookmark; returns whether it fired and the earliest due time the instance now has.</summary>
    private async Task<(bool Fired, DateTimeOffset? EarliestDue)> FireDueAsync(BookmarkRef reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await Options.Instances.ClaimDueAsync(reference, _claimOwner, now + Options.DueClaimDuration, now, cancellationToken))
        {
            return (false, null); // another sweep fires it
        }

        try
        {
            var at = reference.DueAt is { } dueAt && dueAt < now ? dueAt : now;
            var execution = new Execution(this, actor: null, at);
            var context = await execution.LoadAsync(reference.InstanceId, cancellationToken);
            var bookmark = context.Instance.Bookmarks.Find(b => b.Id == reference.BookmarkId);
            if (bookmark is null || context.Instance.IsEnded)
            {
                // Left claimed: a row the instance does not have is not read again by every round.
                return (false, null);
            }

            if (bookmark.Kind == BookmarkKind.Job)
            {
                return await RunJobAsync(execution, context, bookmark, cancellationToken);
            }

            await execution.FireAsync(context, bookmark, null, cancellationToken);
            execution.Commit.BookmarkLocks.Add((bookmark.Id, null, null));
            try
            {
                await RunAndCommitAsync(execution, cancellationToken);
            }
            catch (ConcurrencyException)
            {
                await Options.Instances.ReleaseClaimAsync(reference.BookmarkId, _claimOwner, cancellationToken);
                return (false, null); // another unit of work changed the instance first
            }

            return (true, EarliestDue(execution));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Options.Instances.ReleaseClaimAsync(reference.BookmarkId, _claimOwner, CancellationToken.None);
            throw;
        }
    }

    private static DateTimeOffset? EarliestDue(Execution execution) =>
        execution.Instances.SelectMany(c => c.Instance.Bookmarks).Where(b => b.DueAt is not null).Min(b => b.DueAt);

    /// <summary>
    /// Runs an async job in the unit of work it was loaded in, all or nothing. Another unit of work
    /// that changed the instance first is no failure: the job, if still there, runs on the next
    /// sweep. An incident-worthy failure rolls the try back (nothing of it is kept, handlers'
    /// pending rows included) and is recorded in a unit of work of its own, with the next try or,
    /// with none left, the incident. Returns whether it ran and the earliest due time its instance has.
    /// </summary>
    private async Task<(bool Ran, DateTimeOffset? EarliestDue)> RunJobAsync(Execution execution, InstanceContext context, Bookmark job, CancellationToken cancellationToken)
    {
        execution.RunsJob = true;
        try
        {
            await execution.FireAsync(context, job, null, cancellationToken);
            execution.Commit.BookmarkLocks.Add((job.Id, null, null));
            await RunAndCommitAsync(execution, cancellationToken);
        }
        catch (ConcurrencyException)
        {
            await Options.Instances.ReleaseClaimAsync(job.Id, _claimOwner, cancellationToken);
            return (false, null);
        }
        catch (JobFailedException failure)
        {
            Options.Instances.DiscardPending();
            return await RecordJobFailureAsync(context.Instance.Id, job.Id, failure, execution.Actor, cancellationToken);
        }

        return (true, EarliestDue(execution));
    }

    /// <summary>Records a failed try of a job (see <see cref="Execution.RecordJobFailure"/>), dated now: the next try waits from when this one failed.</summary>
    private async Task<(bool Ran, DateTimeOffset? EarliestDue)> RecordJobFailureAsync(Guid instanceId, string jobId, JobFailedException failure, string? actor,
        CancellationToken cancellationToken)
    {
        var execution = new Execution(this, actor);
        var context = await execution.LoadAsync(instanceId, cancellationToken);
        var job = context.Instance.Bookmarks.Find(b => b.Id == jobId);
        if (job is null || context.Instance.IsEnded)
        {
            await Options.Instances.ReleaseClaimAsync(jobId, _claimOwner, cancellationToken);
            return (false, null); // the instance moved on meanwhile
        }

        execution.RecordJobFailure(context, job, failure, Options.DefaultRetryCycle);
        execution.Commit.BookmarkLocks.Add((job.Id, null, null));
        try
        {
            await RunAndCommitAsync(execution, cancellationToken);
        }
        catch (ConcurrencyException)
        {
            await Options.Instances.ReleaseClaimAsync(jobId, _claimOwner, cancellationToken);
            return (false, null); // changed meanwhile: the job, if still there, is tried again without this failure counted
        }

        return (true, job.DueAt);
    }

    private async Task<bool> FireStartTimerAsync(StartTimer timer, CancellationToken cancellationToken)
    {
        var definition = await GetDefinitionAsync(timer.ProcessKey, timer.ProcessVersion, cancellationToken);
        var execution = new Execution(this, actor: null);
        execution.CreateInstance(definition, definition.GetNode(timer.ElementId), null, null);
        if (timer.CycleInterval is not null && timer.CycleRemaining != 0 && NextInCycle(timer.CycleInterval, timer.DueAt) is { } next)
        {
            timer.DueAt = next;
            timer.CycleRemaining = timer.CycleRemaining < 0 ? -1 : timer.CycleRemaining - 1;
            execution.Commit.StartTimers.Add(timer);
        }
        else
        {
            execution.Commit.RemovedStartTimers.Add(timer.Id);
        }

        await RunAndCommitAsync(execution, cancellationToken);
        return true;
    }

    /// <summary>
    /// Runs the element of an incident again, e.g. after the data or a handler was fixed. An async
    /// job whose tries were spent gets fresh retries and runs at once, as a job: a failure is rolled
    /// back and retried per its cycle again. An external task whose worker left it no retries
    /// gets its retries unset and its lock released: workers can fetch it again.
    /// </summary>
    public async Task<ProcessInstance> RetryAsync(Guid instanceId, string incidentId, string? actor = null, CancellationToken cancellationToken = default)
    {
        var execution = new Execution(this, actor);
        var context = await execution.LoadAsync(instanceId, cancellationToken);
        var incident = context.Instance.Incidents.Find(i => i.Id == incidentId)
            ?? throw new InvalidWorkflowOperationException($"Instance {instanceId} has no open incident '{incidentId}'.");
        context.Instance.Incidents.Remove(incident);
        var token = context.GetToken(incident.TokenId);
        execution.Emit(context, HistoryEventTypes.IncidentResolved, context.NodeOf(token), token, incident.Code);
        if (context.Instance.Bookmarks.Find(b => b.Kind == BookmarkKind.Job && b.TokenId == token.Id && b.DueAt is null) is { } spent)
        {
            execution.RestartJob(context, spent, token);
            await RunAndCommitAsync(execution, cancellationToken);
            var run = new Execution(this, actor);
            var again = await run.LoadAsync(instanceId, cancellationToken);
            if (again.Instance.Bookmarks.Find(b => b.Id == spent.Id) is { } job && !again.Instance.IsEnded)
            {
                await RunJobAsync(run, again, job, cancellationToken);
            }

            return await GetInstanceAsync(instanceId, cancellationToken) ?? again.Instance;
        }

        if (context.Instance.Bookmarks.Find(b => b.Kind == BookmarkKind.External && b.TokenId == token.Id && b.Retries == 0) is { } failed)
        {
            // The worker left no retries: the task is fetchable again, with its retries not set.
            execution.RestartExternalTask(context, failed, token);
            await RunAndCommitAsync(execution, cancellationToken);
            return context.Instance;
        }

        execution.Schedule(context, token);
        await RunAndCommitAsync(execution, cancellationToken);
        return context.Instance;
    }

    /// <summary>
    /// Triggers the receive task <paramref name="elementId"/> of an instance, one that names no
    /// message and so waits for exactly this: the instance goes on past it. Refused when the
    /// instance does not wait there.
    /// </summary>
    public async Task<ProcessInstance> TriggerAsync(Guid instanceId, string elementId, IDictionary<string, object?>? variables = null, string? actor = null,
        CancellationToken cancellationToken = default)
    {
        var execution = new Execution(this, actor);
        var context = await execution.LoadAsync(instanceId, cancellationToken);
        var bookmark = context.Instance.Bookmarks.Find(b => b.Kind == BookmarkKind.Trigger && b.ElementId == elementId)
            ?? throw new InvalidWorkflowOperationException(context.Definition.Nodes.TryGetValue(elementId, out var node) && node.Kind == ElementKind.ReceiveTask && node.MessageName is null
                ? $"Instance {instanceId} is not waiting at the receive task '{elementId}' now."
                : $"'{elementId}' of process '{context.Definition.Key}' is not a receive task without a message, so it cannot be triggered; its messages are correlated by name.");
        await execution.FireAsync(context, bookmark, variables, cancellationToken);
        await RunAndCommitAsync(execution, cancellationToken);
        return context.Instance;
    }

    /// <summary>
    /// Starts every process whose latest version has a conditional start event whose condition
    /// holds for <paramref name="variables"/>, with those variables (Camunda's start-condition
    /// evaluation). The started instances, none when no condition holds.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> StartByConditionsAsync(IDictionary<string, object?> variables, string? businessKey = null, string? actor = null,
        CancellationToken cancellationToken = default)
    {
        var reader = new MapReader(variables.ToDictionary(v => v.Key, v => Variables.Normalize(v.Value), StringComparer.Ordinal));
        var started = new List<Guid>();
        foreach (var stored in await Options.Definitions.ListLatestAsync(cancellationToken))
        {
            var definition = await GetDefinitionAsync(stored.Key, stored.Version, cancellationToken);
            foreach (var start in definition.ConditionalStarts)
            {
                if (Variables.IsTruthy(Scripts.Evaluate(start.EventCondition!, reader)))
                {
                    var execution = new Execution(this, actor);
                    var context = execution.CreateInstance(definition, start, variables, businessKey);
                    await RunAndCommitAsync(execution, cancellationToken);
                    started.Add(context.Instance.Id);
                }
            }
        }

        return started;
    }

    /// <summary>Terminates an instance: every task is cancelled and nothing runs any more.</summary>
    public async Task<ProcessInstance> TerminateAsync(Guid instanceId, string? reason = null, string? actor = null, CancellationToken cancellationToken = default)
    {
        var execution = new Execution(this, actor);
        var context = await execution.LoadAsync(instanceId, cancellationToken);
        await execution.TerminateAsync(context, reason, cancellationToken);
        await RunAndCommitAsync(execution, cancellationToken);
        return context.Instance;
    }

    /// <summary>
    /// Stores an instance saved elsewhere (e.g. as JSON) in this engine's stores, with its open
    /// tasks, so it resumes here. Its definition version must be deployed here first.
    /// </summary>
    public async Task ImportAsync(ProcessInstance instance, CancellationToken cancellationToken = default)
    {
        await GetDefinitionAsync(instance.ProcessKey, instance.ProcessVersion, cancellationToken);
        var commit = new WorkflowCommit();
        commit.Instances.Add((instance, -1));
        foreach (var bookmark in instance.UserTasks)
        {
            var task = bookmark.Task!;
            commit.CreatedTasks.Add(new TaskRecord
            {
                Id = bookmark.Id,
                InstanceId = instance.Id,
                ProcessKey = instance.ProcessKey,
                BusinessKey = instance.BusinessKey,
                ElementId = bookmark.ElementId,
                Name = task.Name,
                Assignee = task.Assignee,
                CandidateUsers = task.CandidateUsers,
                CandidateGroups = task.CandidateGroups,
                DueDate = task.DueDate,
                FollowUpDate = task.FollowUpDate,
                Priority = task.Priority,
                FormKey = task.FormKey,
                CreatedAt = bookmark.CreatedAt,
            });
        }

        await Options.Instances.CommitAsync(commit, cancellationToken);
    }

    public Task<ProcessInstance?> GetInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        Options.Instances.FindAsync(instanceId, cancellationToken);

    private async Task RunAndCommitAsync(Execution execution, CancellationToken cancellationToken, [CallerMemberName] string stimulus = "")
    {
        using var measured = EngineTelemetry.Begin(stimulus);
        await execution.RunAsync(cancellationToken);
        var commit = execution.Commit;
        foreach (var context in execution.Instances)
        {
            commit.Instances.Add((context.Instance, context.ExpectedRevision));
        }

        await Options.Instances.CommitAsync(commit, cancellationToken);
        measured?.Committed(commit);
        foreach (var sink in Options.HistorySinks)
        {
            sink.Append(commit.History);
        }

        foreach (var dispatch in commit.Dispatches)
        {
            await DeliverThrownAsync(dispatch, cancellationToken);
        }
    }

    private sealed class MapReader(Dictionary<string, object?> variables) : IVariableReader
    {
        public bool TryGet(string name, out object? value) => variables.TryGetValue(name, out value);
    }

    private sealed class EmptyReader : IVariableReader
    {
        public static readonly EmptyReader Instance = new();

        public bool TryGet(string name, out object? value)
        {
            value = null;
            return false;
        }
    }
}
