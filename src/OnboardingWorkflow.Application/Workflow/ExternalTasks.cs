using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.Workflow;

/// <summary>One topic of a fetch-and-lock as a worker sends it: the lock duration in milliseconds and, optionally, the variables it wants.</summary>
public sealed record ExternalTopicInput(string? TopicName, long? LockDuration, IReadOnlyList<string?>? Variables);

/// <summary>A worker's fetch-and-lock as it sends it.</summary>
public sealed record FetchAndLockInput(string? WorkerId, int? MaxTasks, IReadOnlyList<ExternalTopicInput?>? Topics, bool? UsePriority);

/// <summary>A worker's failure report as it sends it; <see cref="RetryTimeout"/> in milliseconds.</summary>
public sealed record ExternalFailureInput(string? WorkerId, string? ErrorMessage, string? ErrorDetails, int? Retries, long? RetryTimeout);

/// <summary>A BPMN error thrown by a worker, as it sends it.</summary>
public sealed record ExternalBpmnErrorInput(string? WorkerId, string? ErrorCode, string? ErrorMessage, IDictionary<string, object?>? Variables);

/// <summary>An external task locked for the worker that fetched it (Camunda 7's field names).</summary>
public sealed record LockedExternalTaskView(string Id, string TopicName, string WorkerId, DateTimeOffset LockExpirationTime, Guid ProcessInstanceId,
    string ProcessDefinitionKey, int ProcessDefinitionVersion, string ActivityId, string? ActivityName, string? BusinessKey, long Priority, int? Retries,
    string? ErrorMessage, IReadOnlyDictionary<string, object?> Variables);

/// <summary>What a worker's report did to the instance: its status and where it waits now.</summary>
public sealed record ExternalTaskOutcome(string TaskId, Guid InstanceId, string InstanceStatus, IReadOnlyList<string> WaitingAt);

/// <summary>An external task as an administrator lists it, with its lock.</summary>
public sealed record ExternalTaskView(string Id, string TopicName, Guid ProcessInstanceId, string ActivityId, long Priority, int? Retries, string? WorkerId,
    DateTimeOffset? LockExpirationTime, bool Locked);

/// <summary>
/// External tasks for machine workers (role ExternalWorker; admins may stand in), Camunda 7 style:
/// fetch-and-lock by topic, then complete, report a failure, throw a BPMN error, extend or
/// release the lock, each only by the worker holding the lock while it holds it.
/// <para>
/// What a worker may set is the task's contract: the camunda:formData fields on the external task
/// in the BPMN, checked exactly as a user task's completion (declared, typed, bounded; anything
/// else refused per variable with task_contract_violation). A fetch hands out the variables the
/// task sees, or only those its topic names. Every input is bounded here; completions, failures and
/// BPMN errors are audited (as the signed-in account, naming the worker id) in the unit of work that makes them.
/// </para>
/// </summary>
public sealed class ExternalTasks(WorkflowEngine engine, Cases.CaseFile cases)
{
    public const int MaxWorkerIdLength = 200;
    public const int MaxTopicLength = 200;
    public const int MaxTasksPerFetch = 100;
    public const int MaxTopicsPerFetch = 20;
    public const int MaxVariablesPerTopic = 50;
    public const int MaxErrorMessageLength = 1000;
    public const int MaxErrorDetailsLength = 8000;
    public const int MaxErrorCodeLength = 200;
    public const int MaxRetries = 1000;
    public const int MaxListed = 500;

    /// <summary>Lock durations, in milliseconds: a second to a day.</summary>
    public const long MinLockMilliseconds = 1000, MaxLockMilliseconds = 24L * 3600 * 1000;

    /// <summary>A failure's retry timeout, in milliseconds: none to a week.</summary>
    public const long MaxRetryTimeoutMilliseconds = 7L * 24 * 3600 * 1000;

    public async Task<IReadOnlyList<LockedExternalTaskView>> FetchAndLockAsync(CurrentUser user, FetchAndLockInput? input, CancellationToken cancellationToken)
    {
        var rules = new InputRules();
        var worker = rules.Text("workerId", input?.WorkerId, MaxWorkerIdLength, required: true);
        var max = input?.MaxTasks;
        if (max is null)
        {
            rules.Add("maxTasks", "is required");
        }
        else if (max is < 1 or > MaxTasksPerFetch)
        {
            rules.Add("maxTasks", $"must be between 1 and {MaxTasksPerFetch}");
        }

        var topics = new List<ExternalTaskTopicRequest>();
        if (input?.Topics is not { Count: > 0 } given)
        {
            rules.Add("topics", "must name at least one topic: [{ \"topicName\": \"...\", \"lockDuration\": 60000 }]");
        }
        else if (given.Count > MaxTopicsPerFetch)
        {
            rules.Add("topics", $"may name at most {MaxTopicsPerFetch} topics");
        }
        else
        {
            for (var i = 0; i < given.Count; i++)
            {
                if (Topic(rules, $"topics[{i}]", given[i]) is { } topic)
                {
                    if (topics.Exists(t => t.TopicName == topic.TopicName))
                    {
                        rules.Add($"topics[{i}].topicName", $"names the topic '{topic.TopicName}' a second time");
                    }

                    topics.Add(topic);
                }
            }
        }

        rules.ThrowIfAny();
        var locked = await engine.FetchAndLockAsync(new FetchAndLockRequest(worker!, max!.Value, topics, input!.UsePriority ?? false), cancellationToken);
        return locked.Select(t => new LockedExternalTaskView(t.Id, t.Topic, t.WorkerId, t.LockExpiresAt, t.InstanceId, t.ProcessKey, t.ProcessVersion, t.ActivityId,
            t.ActivityName, t.BusinessKey, t.Priority, t.Retries, t.ErrorMessage, t.Variables)).ToList();
    }

    private static ExternalTaskTopicRequest? Topic(InputRules rules, string field, ExternalTopicInput? input)
    {
        var name = rules.Text(field + ".topicName", input?.TopicName, MaxTopicLength, required: true);
        var duration = LockDuration(rules, field + ".lockDuration", input?.LockDuration);
        List<string>? variables = null;
        if (input?.Variables is { } names)
        {
            if (names.Count > MaxVariablesPerTopic)
            {
                rules.Add(field + ".variables", $"may name at most {MaxVariablesPerTopic} variables");
            }
            else
            {
                variables = [];
                foreach (var variable in names)
                {
                    if (variable is null || !FieldRules.IsVariableName(variable))
                    {
                        rules.Add(field + ".variables", $"'{variable}' is not a variable name (letters, digits, _ and $, not starting with a digit)");
                    }
                    else
                    {
                        variables.Add(variable);
                    }
                }
            }
        }

        return name is null || duration is null ? null : new ExternalTaskTopicRequest(name, duration.Value, variables);
    }

    private static TimeSpan? LockDuration(InputRules rules, string field, long? milliseconds)
    {
        if (milliseconds is null)
        {
            rules.Add(field, "is required (milliseconds)");
            return null;
        }

        if (milliseconds is < MinLockMilliseconds or > MaxLockMilliseconds)
        {
            rules.Add(field, $"must be between {MinLockMilliseconds} and {MaxLockMilliseconds} milliseconds");
            return null;
        }

        return TimeSpan.FromMilliseconds(milliseconds.Value);
    }

    /// <summary>Completes the task with variables its formData declares; the instance goes on. Audited.</summary>
    public async Task<ExternalTaskOutcome> CompleteAsync(CurrentUser user, string taskId, string? workerId, IDictionary<string, object?>? variables,
        CancellationToken cancellationToken)
    {
        var worker = Worker(workerId);
        return await ReportAsync(taskId, worker, "externalTask.completed", $"worker {worker}",
            () => engine.CompleteExternalTaskAsync(taskId, worker, variables, user.Name, cancellationToken), user, cancellationToken);
    }

    /// <summary>Records a worker's failure: retries left (0: an incident), error, retry timeout. Audited.</summary>
    public async Task<ExternalTaskOutcome> FailureAsync(CurrentUser user, string taskId, ExternalFailureInput? input, CancellationToken cancellationToken)
    {
        var rules = new InputRules();
        var worker = rules.Text("workerId", input?.WorkerId, MaxWorkerIdLength, required: true);
        var message = rules.Text("errorMessage", input?.ErrorMessage, MaxErrorMessageLength, required: true);
        var details = Details(rules, input?.ErrorDetails);
        if (input?.Retries is not { } retries)
        {
            rules.Add("retries", "is required: how many more times the task may be fetched (0: none, an incident)");
            retries = 0;
        }
        else if (retries is < 0 or > MaxRetries)
        {
            rules.Add("retries", $"must be between 0 and {MaxRetries}");
        }

        var timeout = input?.RetryTimeout ?? 0;
        if (timeout is < 0 or > MaxRetryTimeoutMilliseconds)
        {
            rules.Add("retryTimeout", $"must be between 0 and {MaxRetryTimeoutMilliseconds} milliseconds");
        }

        rules.ThrowIfAny();
        return await ReportAsync(taskId, worker!, "externalTask.failed", $"worker {worker}, {retries} retries left: {message}",
            () => engine.HandleExternalTaskFailureAsync(taskId, worker!, message!, details, retries, TimeSpan.FromMilliseconds(timeout), user.Name, cancellationToken),
            user, cancellationToken);
    }

    /// <summary>Throws a BPMN error from the task, with variables its formData declares. Audited.</summary>
    public async Task<ExternalTaskOutcome> BpmnErrorAsync(CurrentUser user, string taskId, ExternalBpmnErrorInput? input, CancellationToken cancellationToken)
    {
        var rules = new InputRules();
        var worker = rules.Text("workerId", input?.WorkerId, MaxWorkerIdLength, required: true);
        var code = rules.Text("errorCode", input?.ErrorCode, MaxErrorCodeLength, required: true);
        var message = rules.Text("errorMessage", input?.ErrorMessage, MaxErrorMessageLength);
        rules.ThrowIfAny();
        return await ReportAsync(taskId, worker!, "externalTask.bpmnError", $"worker {worker}, error {code}" + (message is null ? "" : $": {message}"),
            () => engine.HandleExternalTaskBpmnErrorAsync(taskId, worker!, code!, message, input!.Variables, user.Name, cancellationToken), user, cancellationToken);
    }

    /// <summary>Extends the worker's lock to <paramref name="newDuration"/> milliseconds from now; the new expiry.</summary>
    public async Task<DateTimeOffset> ExtendLockAsync(string taskId, string? workerId, long? newDuration, CancellationToken cancellationToken)
    {
        var rules = new InputRules();
        var worker = rules.Text("workerId", workerId, MaxWorkerIdLength, required: true);
        var duration = LockDuration(rules, "newDuration", newDuration);
        rules.ThrowIfAny();
        return await engine.ExtendExternalTaskLockAsync(Id(taskId), worker!, duration!.Value, cancellationToken);
    }

    /// <summary>Releases the worker's lock: the task can be fetched again at once.</summary>
    public async Task UnlockAsync(string taskId, string? workerId, CancellationToken cancellationToken) =>
        await engine.UnlockExternalTaskAsync(Id(taskId), Worker(workerId), cancellationToken);

    /// <summary>External tasks with their locks, for admins and auditors; filters by topic, instance, locked.</summary>
    public async Task<IReadOnlyList<ExternalTaskView>> ListAsync(string? topic, Guid? instanceId, bool? locked, int? max, CancellationToken cancellationToken)
    {
        var rules = new InputRules();
        var name = rules.Text("topicName", topic, MaxTopicLength);
        if (max is < 1 or > MaxListed)
        {
            rules.Add("max", $"must be between 1 and {MaxListed}");
        }

        rules.ThrowIfAny();
        var now = engine.Options.Clock.GetUtcNow();
        var found = await engine.QueryExternalTasksAsync(new ExternalTaskQuery { Topic = name, InstanceId = instanceId, Locked = locked, Limit = max ?? 100 }, cancellationToken);
        return found.Select(t => new ExternalTaskView(t.Id, t.Topic, t.InstanceId, t.ElementId, t.Priority, t.Retries, t.LockOwner, t.LockExpiresAt, t.IsLockedAt(now))).ToList();
    }

    private static string Worker(string? workerId)
    {
        var rules = new InputRules();
        var worker = rules.Text("workerId", workerId, MaxWorkerIdLength, required: true);
        rules.ThrowIfAny();
        return worker!;
    }

    private static string Id(string taskId) =>
        taskId.Length is > 0 and <= 64 && taskId.All(char.IsAsciiLetterOrDigit) ? taskId : throw new ExternalTaskNotFoundException(taskId.Length > 64 ? taskId[..64] : taskId);

    private static string? Details(InputRules rules, string? details)
    {
        if (string.IsNullOrEmpty(details))
        {
            return null;
        }

        if (details.Length > MaxErrorDetailsLength)
        {
            rules.Add("errorDetails", $"must be at most {MaxErrorDetailsLength} characters");
        }

        // Lines and tabs are fine in a stack trace; other controls and text-direction characters are not.
        if (details.Any(c => c is not ('\n' or '\r' or '\t') && InputRules.IsForbidden(c)))
        {
            rules.Add("errorDetails", "must not contain control or text-direction characters other than line breaks and tabs");
        }

        return details;
    }

    /// <summary>
    /// Runs a worker's report with its audit row in the same unit of work. A commit refused because
    /// the lock went meanwhile (another worker fetched the task after it expired) is said as such.
    /// </summary>
    private async Task<ExternalTaskOutcome> ReportAsync(string taskId, string worker, string action, string detail,
        Func<Task<Engine.State.ProcessInstance>> report, CurrentUser user, CancellationToken cancellationToken)
    {
        taskId = Id(taskId);
        cases.Audit(user.Name, action, "ExternalTask", taskId, detail: detail.Length > 1000 ? detail[..1000] : detail);
        try
        {
            var instance = await report();
            return new ExternalTaskOutcome(taskId, instance.Id, instance.Status.ToString(),
                instance.Bookmarks.Select(b => b.ElementId).Distinct(StringComparer.Ordinal).ToList());
        }
        catch (ConcurrencyException)
        {
            var task = await engine.Options.Instances.FindExternalTaskAsync(taskId, cancellationToken);
            if (task is null)
            {
                throw new ExternalTaskNotFoundException(taskId);
            }

            if (task.LockOwner != worker || !task.IsLockedAt(engine.Options.Clock.GetUtcNow()))
            {
                throw new ExternalTaskLockException(taskId, worker, "the lock was lost while the report was being saved; fetch the task again");
            }

            throw;
        }
    }
}
