using System.Globalization;
using System.Text.Json;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Parsing;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Cli.Commands;

/// <summary>
/// <c>owf simulate</c>: runs a BPMN file in memory, applying task completions, messages and clock
/// advances in the order given, and prints every history event as one JSON line.
/// </summary>
public sealed class SimulateCommand : ICliCommand
{
    public string Name => "simulate";

    public string Usage => "simulate FILE [--process ID] [--variables JSON] [--business-key KEY] [--started-by USER] [[--as USER] --complete TASK_ID=JSON]... "
        + "[--message NAME[:KEY]]... [--signal NAME]... [--trigger RECEIVE_TASK_ID]... [--external TASK_ID[=JSON]]... [--external-error TASK_ID=CODE]... [--advance DURATION]... [--handler NAME=JSON]... [--handler-error NAME=CODE]... [--allow-undeclared]";

    public string Summary => "Runs a process in memory and prints one JSON line per event, then the final state. Exit 0 completed, 2 waiting "
        + "(also when a completion breaks its task's contract or its four-eyes rule: the last line then says what was refused), 1 error or incident. "
        + $"--started-by names the maker who starts the instance, --as the person who makes the next --complete (both default to '{DefaultActor}'; "
        + "a four-eyes task refuses the maker, and a fourEyes=\"true\" task anyone who already approved in the round). "
        + "--handler and --handler-error take a handler name or an element id; an element id wins. "
        + "Async jobs run as the clock reaches them: a failing one prints a jobFailed line per try and waits for its next try (--advance to reach it), then becomes an incident. "
        + "--external completes the waiting external task (camunda:type=\"external\") at that element as its worker would, with variables its camunda:formData must declare; "
        + "--external-error throws a BPMN error from it. External tasks are not completed unless asked: the instance waits there. "
        + "--allow-undeclared lets tasks without a contract take any variables (legacy models only).";

    /// <summary>Who starts the instance and completes tasks when no one is named.</summary>
    public const string DefaultActor = "simulator";

    private static readonly JsonSerializerOptions Json = new(InstanceJson.Options) { WriteIndented = false };

    private abstract record Step;

    private sealed record CompleteStep(string ElementId, Dictionary<string, object?> Variables, string Actor) : Step;

    private sealed record MessageStep(string Name, string? Key) : Step;

    private sealed record SignalStep(string Name) : Step;

    private sealed record TriggerStep(string ElementId) : Step;

    /// <summary>A worker's report on the external task at an element: a completion with variables, or a BPMN error with its code.</summary>
    private sealed record ExternalStep(string ElementId, Dictionary<string, object?> Variables, string? ErrorCode) : Step;

    /// <summary>The worker id the simulation's external-task reports are made under.</summary>
    public const string SimulatedWorker = "simulator";

    private sealed record AdvanceStep(IsoDuration By) : Step;

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var (file, processId, variables, businessKey, startedBy, steps, handlerResults, handlerErrors, allowUndeclared) = Parse(args);
        string xml;
        try
        {
            xml = BpmnParser.ReadText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"owf simulate: cannot read '{file}': {ex.Message}");
            return ExitCodes.Failed;
        }

        var document = BpmnParser.Parse(xml);
        if (document.HasErrors)
        {
            foreach (var diagnostic in document.Diagnostics)
            {
                stderr.WriteLine(diagnostic.Format(file));
            }

            return ExitCodes.Failed;
        }

        var process = processId is null
            ? document.ExecutableProcesses.FirstOrDefault()
            : document.ExecutableProcesses.FirstOrDefault(p => p.Key == processId);
        if (process is null)
        {
            stderr.WriteLine(processId is null ? $"{file}: no executable process" : $"{file}: no executable process '{processId}'");
            return ExitCodes.Failed;
        }

        var simulation = new Simulation(file, xml, process.Key, variables, businessKey, startedBy, steps, handlerResults, handlerErrors, allowUndeclared);
        return RunAsync(simulation, stdout, stderr).GetAwaiter().GetResult();
    }

    private sealed record Simulation(string File, string Xml, string ProcessKey, Dictionary<string, object?> Variables, string? BusinessKey, string StartedBy,
        List<Step> Steps, Dictionary<string, Dictionary<string, object?>> HandlerResults, Dictionary<string, string> HandlerErrors, bool AllowUndeclared);

    private static async Task<int> RunAsync(Simulation simulation, TextWriter stdout, TextWriter stderr)
    {
        var (file, xml, processKey, variables, businessKey, startedBy, steps, handlerResults, handlerErrors, allowUndeclared) = simulation;
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var store = new InMemoryInstanceStore();
        var handlers = new HandlerRegistry
        {
            // Simulation runs every handler name: it sets the variables given with --handler or
            // throws the error given with --handler-error, else does nothing.
            Fallback = new SimulatedHandler(handlerResults, handlerErrors),
        };
        var engine = new WorkflowEngine(new WorkflowEngineOptions
        {
            Instances = store,
            Clock = clock,
            Handlers = handlers,
            HistorySinks = [new JsonLineSink(stdout)],
            AllowUndeclaredVariables = allowUndeclared,
        });

        try
        {
            await engine.DeployAsync(xml, Path.GetFileName(file));
            var instance = await engine.StartAsync(processKey, variables, businessKey, actor: startedBy);
            await engine.RunDueJobsAsync();
            foreach (var step in steps)
            {
                switch (step)
                {
                    case CompleteStep complete:
                        var task = (await store.QueryTasksAsync(new TaskQuery { ElementId = complete.ElementId }))
                            .OrderBy(t => t.CreatedAt).FirstOrDefault();
                        if (task is null)
                        {
                            stderr.WriteLine($"owf simulate: no task '{complete.ElementId}' is waiting");
                            await PrintStateAsync(engine, store, instance.Id, stdout, stderr);
                            return ExitCodes.Failed;
                        }

                        try
                        {
                            await engine.CompleteTaskAsync(task.Id, complete.Variables, actor: complete.Actor);
                        }
                        catch (MakerCheckerException ex)
                        {
                            stdout.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?> { ["refused"] = complete.ElementId, ["task"] = ex.TaskId, ["actor"] = ex.Actor, ["reason"] = ex.Message }, Json));
                            stderr.WriteLine($"owf simulate: {ex.Message} Nothing was changed");
                            return ExitCodes.Waiting;
                        }
                        catch (TaskContractViolationException ex)
                        {
                            // The instance still waits at the task, hence the exit code of a waiting instance.
                            stdout.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?> { ["refused"] = ex.ElementId, ["task"] = ex.TaskId, ["errors"] = ex.Errors }, Json));
                            stderr.WriteLine($"owf simulate: the completion of task '{ex.ElementId}' breaks its contract; nothing was changed");
                            return ExitCodes.Waiting;
                        }

                        break;
                    case ExternalStep external:
                        bool reported;
                        try
                        {
                            reported = await ReportExternalAsync(engine, external);
                        }
                        catch (TaskContractViolationException ex)
                        {
                            stdout.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?> { ["refused"] = ex.ElementId, ["task"] = ex.TaskId, ["errors"] = ex.Errors }, Json));
                            stderr.WriteLine($"owf simulate: the completion of external task '{ex.ElementId}' breaks its contract; nothing was changed");
                            return ExitCodes.Waiting;
                        }

                        if (!reported)
                        {
                            stderr.WriteLine($"owf simulate: no external task '{external.ElementId}' is waiting");
                            await PrintStateAsync(engine, store, instance.Id, stdout, stderr);
                            return ExitCodes.Failed;
                        }

                        break;
                    case MessageStep message:
                        var result = await engine.CorrelateMessageAsync(message.Name, message.Key, actor: DefaultActor);
                        if (!result.Matched)
                        {
                            stderr.WriteLine($"owf simulate: nothing waits for the message '{message.Name}'{(message.Key is null ? "" : $" with key '{message.Key}'")}");
                        }

                        break;
                    case SignalStep signal:
                        var reached = await engine.BroadcastSignalAsync(signal.Name, actor: DefaultActor);
                        if (!reached.Matched)
                        {
                            stderr.WriteLine($"owf simulate: nothing waits for the signal '{signal.Name}'");
                        }

                        break;
                    case TriggerStep trigger:
                        await engine.TriggerAsync(instance.Id, trigger.ElementId, actor: DefaultActor);
                        break;
                    case AdvanceStep advance:
                        clock.AdvanceTo(advance.By.AddTo(clock.GetUtcNow()));
                        break;
                }

                await engine.RunDueJobsAsync();
            }

            return await PrintStateAsync(engine, store, instance.Id, stdout, stderr);
        }
        catch (Exception ex) when (ex is BpmnValidationException or InvalidWorkflowOperationException or ProcessNotFoundException or ConcurrencyException)
        {
            stderr.WriteLine($"owf simulate: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// Fetches and locks the external task at the element as a worker would (its topic, a short
    /// lock), then completes it or throws the BPMN error; the other tasks the fetch locked are
    /// released. False when no external task waits there.
    /// </summary>
    private static async Task<bool> ReportExternalAsync(WorkflowEngine engine, ExternalStep step)
    {
        var waiting = (await engine.QueryExternalTasksAsync(new ExternalTaskQuery { Limit = 1000 })).Where(t => t.ElementId == step.ElementId && t.Retries is not 0)
            .OrderBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault();
        if (waiting is null)
        {
            return false;
        }

        var locked = await engine.FetchAndLockAsync(new FetchAndLockRequest(SimulatedWorker, 1000, [new ExternalTaskTopicRequest(waiting.Topic, TimeSpan.FromMinutes(1))]));
        foreach (var other in locked.Where(t => t.Id != waiting.Id))
        {
            await engine.UnlockExternalTaskAsync(other.Id, SimulatedWorker);
        }

        if (locked.All(t => t.Id != waiting.Id))
        {
            return false;
        }

        try
        {
            if (step.ErrorCode is { } code)
            {
                await engine.HandleExternalTaskBpmnErrorAsync(waiting.Id, SimulatedWorker, code, null, step.Variables, actor: DefaultActor);
            }
            else
            {
                await engine.CompleteExternalTaskAsync(waiting.Id, SimulatedWorker, step.Variables, actor: DefaultActor);
            }
        }
        catch (TaskContractViolationException)
        {
            await engine.UnlockExternalTaskAsync(waiting.Id, SimulatedWorker);
            throw;
        }

        return true;
    }

    private static async Task<int> PrintStateAsync(WorkflowEngine engine, InMemoryInstanceStore store, Guid instanceId, TextWriter stdout, TextWriter stderr)
    {
        var instance = (await engine.GetInstanceAsync(instanceId))!;
        var tasks = await store.QueryTasksAsync(new TaskQuery { InstanceId = instanceId });
        var waiting = instance.Bookmarks.Select(b => new Dictionary<string, object?>
        {
            ["element"] = b.ElementId,
            ["kind"] = b.Kind.ToString(),
            ["task"] = b.Kind is BookmarkKind.UserTask or BookmarkKind.External ? b.Id : null,
            ["topic"] = b.Topic,
            ["dueAt"] = b.DueAt,
            ["message"] = b.MessageName,
            ["after"] = b.AfterElement ? true : null,
            ["failedAttempts"] = b.FailedAttempts > 0 ? b.FailedAttempts : null,
            ["retriesLeft"] = b.Retries,
            ["lastError"] = b.LastError,
        }.Where(p => p.Value is not null).ToDictionary()).ToList();
        var state = new Dictionary<string, object?>
        {
            ["state"] = instance.Status.ToString().ToLowerInvariant(),
            ["instance"] = instance.Id,
            ["process"] = $"{instance.ProcessKey}:{instance.ProcessVersion}",
            ["waiting"] = waiting,
            ["openTasks"] = tasks.Select(t => t.ElementId).ToList(),
            ["variables"] = instance.Variables,
            ["incidents"] = instance.Incidents.Select(i => new { element = i.ElementId, code = i.Code, message = i.Message }).ToList(),
        };
        if (instance.EndErrorCode is not null)
        {
            state["error"] = instance.EndErrorCode;
        }

        stdout.WriteLine(JsonSerializer.Serialize(state, Json));
        foreach (var job in instance.Bookmarks.Where(b => b.Kind == BookmarkKind.Job && b.FailedAttempts > 0 && b.DueAt is not null))
        {
            // A job that failed and waits for its next try: no incident yet, so say it where a person looks.
            stderr.WriteLine($"owf simulate: the job at '{job.ElementId}' failed {job.FailedAttempts} time(s) and is tried again at {job.DueAt!.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture)} "
                + $"({job.Retries} tr{(job.Retries == 1 ? "y" : "ies")} left; --advance to run it): {job.LastError}");
        }

        return instance.Status switch
        {
            _ when instance.Incidents.Count > 0 => ExitCodes.Failed,
            InstanceStatus.Completed => ExitCodes.Ok,
            InstanceStatus.Failed or InstanceStatus.Terminated => ExitCodes.Failed,
            _ => ExitCodes.Waiting,
        };
    }

    private static (string File, string? Process, Dictionary<string, object?> Variables, string? BusinessKey, string StartedBy, List<Step> Steps,
        Dictionary<string, Dictionary<string, object?>> HandlerResults, Dictionary<string, string> HandlerErrors, bool AllowUndeclared) Parse(string[] args)
    {
        var reader = new ArgReader(args);
        string? file = null, process = null, businessKey = null, nextActor = null;
        var startedBy = DefaultActor;
        var variables = new Dictionary<string, object?>();
        var steps = new List<Step>();
        var handlerResults = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        var handlerErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        var allowUndeclared = false;
        while (reader.HasMore)
        {
            var arg = reader.Next();
            switch (arg)
            {
                case "--process":
                    process = reader.Value(arg);
                    break;
                case "--business-key":
                    businessKey = reader.Value(arg);
                    break;
                case "--variables":
                    variables = JsonObject(reader.Value(arg), arg);
                    break;
                case "--complete":
                    var completion = reader.Value(arg);
                    var (taskId, json) = completion.Contains('=') ? SplitPair(completion, arg, "TASK_ID=JSON") : (completion, string.Empty);
                    steps.Add(new CompleteStep(taskId, json.Length == 0 ? [] : JsonObject(json, arg), nextActor ?? DefaultActor));
                    nextActor = null;
                    break;
                case "--as":
                    nextActor = nextActor is null ? Actor(reader.Value(arg), arg) : throw new UsageException("--as names the person of the next --complete; give it once before that --complete");
                    break;
                case "--started-by":
                    startedBy = Actor(reader.Value(arg), arg);
                    break;
                case "--message":
                    var message = reader.Value(arg);
                    var colon = message.IndexOf(':');
                    steps.Add(colon < 0 ? new MessageStep(message, null) : new MessageStep(message[..colon], message[(colon + 1)..]));
                    break;
                case "--signal":
                    steps.Add(new SignalStep(reader.Value(arg)));
                    break;
                case "--trigger":
                    steps.Add(new TriggerStep(reader.Value(arg)));
                    break;
                case "--external":
                    var report = reader.Value(arg);
                    var (externalId, externalJson) = report.Contains('=') ? SplitPair(report, arg, "TASK_ID=JSON") : (report, string.Empty);
                    steps.Add(new ExternalStep(externalId, externalJson.Length == 0 ? [] : JsonObject(externalJson, arg), null));
                    break;
                case "--external-error":
                    var (erroring, errorCode) = SplitPair(reader.Value(arg), arg, "TASK_ID=CODE");
                    steps.Add(new ExternalStep(erroring, [], errorCode));
                    break;
                case "--advance":
                    var duration = reader.Value(arg);
                    steps.Add(IsoDuration.TryParse(duration, out var by)
                        ? new AdvanceStep(by)
                        : throw new UsageException($"--advance needs an ISO 8601 duration such as PT24H or P3D, not '{duration}'"));
                    break;
                case "--handler":
                    var (handler, result) = SplitPair(reader.Value(arg), arg, "NAME=JSON");
                    handlerResults[handler] = JsonObject(result, arg);
                    break;
                case "--allow-undeclared":
                    allowUndeclared = true;
                    break;
                case "--handler-error":
                    var (failing, code) = SplitPair(reader.Value(arg), arg, "NAME=CODE");
                    handlerErrors[failing] = code;
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        throw new UsageException($"unknown option '{arg}'");
                    }

                    file = file is null ? arg : throw new UsageException("simulate takes one BPMN file");
                    break;
            }
        }

        if (nextActor is not null)
        {
            throw new UsageException($"--as {nextActor} is not followed by a --complete");
        }

        return (file ?? throw new UsageException("name the BPMN file to simulate"), process, variables, businessKey, startedBy, steps, handlerResults, handlerErrors, allowUndeclared);
    }

    private static string Actor(string user, string option) =>
        string.IsNullOrWhiteSpace(user) ? throw new UsageException($"{option} needs a user name") : user.Trim();

    private static (string Name, string Value) SplitPair(string text, string option, string shape)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0)
        {
            throw new UsageException($"{option} needs {shape}, not '{text}'");
        }

        return (text[..eq], text[(eq + 1)..]);
    }

    private static Dictionary<string, object?> JsonObject(string json, string option)
    {
        try
        {
            return Variables.ParseObject(json);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{option} needs a JSON object: {ex.Message}");
        }
    }

    private sealed class SimulatedHandler(Dictionary<string, Dictionary<string, object?>> results, Dictionary<string, string> errors) : ITaskHandler
    {
        public ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
        {
            // The element id is looked up first, so one element can stand apart from others that share its handler.
            var name = context.Element.HandlerName?.Text ?? context.ElementId;
            foreach (var key in (string[])[context.ElementId, name])
            {
                if (errors.TryGetValue(key, out var code))
                {
                    throw new BpmnErrorException(code);
                }

                if (results.TryGetValue(key, out var variables))
                {
                    foreach (var (variable, value) in variables)
                    {
                        context.SetVariable(variable, value);
                    }

                    return ValueTask.CompletedTask;
                }
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Prints each history event as one JSON object per line.</summary>
    private sealed class JsonLineSink(TextWriter stdout) : IHistorySink
    {
        public void Append(IReadOnlyList<HistoryEvent> events)
        {
            foreach (var item in events)
            {
                var line = new Dictionary<string, object?>
                {
                    ["event"] = item.Event,
                    ["element"] = item.ElementId,
                    ["type"] = item.ElementType,
                    ["name"] = item.ElementName,
                    ["time"] = item.Time,
                    ["instance"] = item.InstanceId,
                    ["actor"] = item.Actor,
                    ["detail"] = item.Detail,
                    ["variables"] = item.Variables,
                };
                stdout.WriteLine(JsonSerializer.Serialize(line.Where(p => p.Value is not null).ToDictionary(), Json));
            }
        }
    }
}
