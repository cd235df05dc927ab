using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// One unit of work: the loop that moves tokens until every token of every touched instance
/// waits, plus the shared moves (leave, end, cancel, complete scope). Element behaviours live in
/// the other parts of this class, one method per element type.
/// </summary>
internal sealed partial class Execution
{
    private readonly WorkflowEngine _engine;
    private readonly Queue<(InstanceContext Context, Token Token)> _agenda = new();
    private readonly Dictionary<Guid, InstanceContext> _loaded = [];
    private readonly List<InstanceContext> _order = [];
    private Dictionary<string, object?>? _changes;
    private int _steps;

    /// <param name="now">
    /// The time the unit of work happens at; a timer fires at its due time, so a clock that
    /// jumped (a simulation, a server that was down) still dates and schedules what follows
    /// from when it was due.
    /// </param>
    public Execution(WorkflowEngine engine, string? actor, DateTimeOffset? now = null)
    {
        _engine = engine;
        Actor = actor;
        Now = now ?? engine.Clock.GetUtcNow();
    }

    public string? Actor { get; }
    public DateTimeOffset Now { get; }

    /// <summary>
    /// Set when this unit of work runs an async job: then the first incident-worthy failure aborts
    /// it with a <see cref="JobFailedException"/> instead of raising an incident, so the job can be
    /// rolled back and tried again.
    /// </summary>
    public bool RunsJob { get; set; }

    public WorkflowCommit Commit { get; } = new();

    public IEnumerable<InstanceContext> Instances => _order;

    private ScriptRuntime Scripts => _engine.Scripts;

    // ---- loading and creating instances

    public InstanceContext Attach(ProcessInstance instance, ProcessDefinition definition)
    {
        var context = new InstanceContext(instance, definition, instance.Revision);
        _loaded[instance.Id] = context;
        _order.Add(context);
        return context;
    }

    public async Task<InstanceContext> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (_loaded.TryGetValue(id, out var context))
        {
            return context;
        }

        var instance = await _engine.Options.Instances.FindAsync(id, cancellationToken) ?? throw new InstanceNotFoundException(id);
        return await AttachAsync(instance, cancellationToken);
    }

    /// <summary>Takes part an instance the caller has just read, with its definition.</summary>
    public async Task<InstanceContext> AttachAsync(ProcessInstance instance, CancellationToken cancellationToken)
    {
        if (_loaded.TryGetValue(instance.Id, out var context))
        {
            return context;
        }

        var definition = await _engine.GetDefinitionAsync(instance.ProcessKey, instance.ProcessVersion, cancellationToken);
        return Attach(instance, definition);
    }

    public InstanceContext CreateInstance(ProcessDefinition definition, FlowNode start, IDictionary<string, object?>? variables, string? businessKey, Guid? parentId = null, string? parentTokenId = null,
        Guid? instanceId = null)
    {
        var instance = new ProcessInstance
        {
            Id = instanceId ?? Guid.CreateVersion7(),
            ProcessKey = definition.Key,
            ProcessVersion = definition.Version,
            BusinessKey = businessKey,
            Status = InstanceStatus.Running,
            StartedAt = Now,
            StartedBy = Actor,
            ParentInstanceId = parentId,
            ParentTokenId = parentTokenId,
            Revision = -1,
        };
        var root = new Scope { Id = instance.NextId("s"), Kind = ScopeKind.Process, ElementId = definition.Key };
        instance.Scopes.Add(root);
        var context = Attach(instance, definition);
        if (variables is not null)
        {
            foreach (var (name, value) in variables)
            {
                SetProcessVariable(context, root.Id, name, Variables.Normalize(value));
            }
        }

        Emit(context, HistoryEventTypes.InstanceStarted, definition.Key, "process", definition.Name, null);
        var token = new Token { Id = instance.NextId("t"), ElementId = start.Id, ScopeId = root.Id, State = TokenState.Ready };
        instance.Tokens.Add(token);
        Schedule(context, token);
        try
        {
            ListenForEventSubProcesses(context, root, definition.Root);
        }
        catch (Exception ex) when (ex is IncidentException or ExpressionException)
        {
            // An event sub-process's timer or message name that cannot be worked out stops the start, visibly.
            StopListening(context, root.Id);
            RaiseIncident(context, token, (ex as IncidentException)?.Code ?? IncidentCodes.ExpressionFailed, ex.Message, ex);
        }

        return context;
    }

    // ---- the loop

    public void Schedule(InstanceContext context, Token token)
    {
        token.State = TokenState.Ready;
        _agenda.Enqueue((context, token));
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        do
        {
            while (_agenda.TryDequeue(out var item))
            {
                var (context, token) = item;
                if (token.State != TokenState.Ready || context.Instance.IsEnded || !context.Instance.Tokens.Contains(token))
                {
                    continue;
                }

                if (++_steps > _engine.Options.MaxStepsPerUnitOfWork)
                {
                    // A loop without a wait state: stop the token where it is, keep the instance.
                    RaiseIncident(context, token, IncidentCodes.Runaway,
                        $"The unit of work took more than {_engine.Options.MaxStepsPerUnitOfWork} steps without reaching a wait state; the process loops here.");
                    continue;
                }

                await GuardAsync(context, token, () => StepAsync(context, token, cancellationToken));
            }
        }
        while (await FireInclusiveJoinsAsync(cancellationToken) || await FireConditionsAsync(cancellationToken));

        foreach (var context in _order)
        {
            if (!context.Instance.IsEnded)
            {
                context.Instance.Status = context.Instance.Tokens.Any(t => t.State == TokenState.Ready) ? InstanceStatus.Running : InstanceStatus.Waiting;
            }
        }
    }

    /// <summary>Runs a move of one token; an expression or handler failure becomes an incident on it.</summary>
    public async Task GuardAsync(InstanceContext context, Token token, Func<Task> move)
    {
        try
        {
            await move();
        }
        catch (IncidentException ex)
        {
            RaiseIncident(context, token, ex.Code, ex.Message, ex.InnerException);
        }
        catch (ExpressionException ex)
        {
            RaiseIncident(context, token, IncidentCodes.ExpressionFailed, ex.Message, ex);
        }
    }

    private async Task StepAsync(InstanceContext context, Token token, CancellationToken cancellationToken)
    {
        var node = context.NodeOf(token);
        if (node.AsyncBefore && !token.AsyncPassed)
        {
            AddJob(context, token, node, after: false, flows: null);
            return;
        }

        Emit(context, HistoryEventTypes.Activated, node, token);
        if (!token.IsMultiInstanceItem)
        {
            FourEyesRule.EnterNode(node, context.Instance);
        }

        if (node.IsActivity && !token.IsMultiInstanceItem)
        {
            SubscribeBoundaries(context, token, node);
            if (node.MultiInstance is not null)
            {
                await EnterMultiInstanceAsync(context, token, node, cancellationToken);
                return;
            }
        }

        await ExecuteNodeAsync(context, token, node, cancellationToken);
    }

    private Task ExecuteNodeAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken) => node.Kind switch
    {
        ElementKind.StartEvent or ElementKind.Task or ElementKind.ManualTask or ElementKind.BoundaryEvent => LeaveAsync(context, token, node, cancellationToken),
        ElementKind.EndEvent => EndEventAsync(context, token, node, cancellationToken),
        ElementKind.IntermediateThrowEvent => ThrowEventAsync(context, token, node, cancellationToken),
        ElementKind.IntermediateCatchEvent => CatchEvent(context, token, node, cancellationToken),
        ElementKind.UserTask => UserTask(context, token, node),
        ElementKind.ServiceTask or ElementKind.SendTask or ElementKind.BusinessRuleTask => ServiceTaskAsync(context, token, node, cancellationToken),
        ElementKind.ScriptTask => ScriptTaskAsync(context, token, node, cancellationToken),
        ElementKind.ReceiveTask => ReceiveTask(context, token, node),
        ElementKind.ExclusiveGateway => ExclusiveGatewayAsync(context, token, node, cancellationToken),
        ElementKind.ParallelGateway => ParallelGatewayAsync(context, token, node, cancellationToken),
        ElementKind.InclusiveGateway => InclusiveGatewayAsync(context, token, node, cancellationToken),
        ElementKind.EventBasedGateway => EventBasedGateway(context, token, node),
        ElementKind.SubProcess => SubProcess(context, token, node),
        ElementKind.CallActivity => CallActivityAsync(context, token, node, cancellationToken),
        _ => throw new IncidentException(IncidentCodes.InvalidValue, $"The element type '{node.TypeName}' cannot run."),
    };

    // ---- leaving, ending and cancelling

    /// <summary>Completes <paramref name="node"/> for the token and moves it along the outgoing flows that apply.</summary>
    public async Task LeaveAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken, IReadOnlyList<SequenceFlow>? flows = null)
    {
        if (token.IsMultiInstanceItem && node.IsActivity)
        {
            await CompleteMultiInstanceItemAsync(context, token, node, cancellationToken);
            return;
        }

        InstallCompensation(context, token, node);
        if (node.AsyncAfter)
        {
            // The element completes here; which flows to take (a gateway's choice aside) is the job's work.
            RemoveBookmarksOf(context, token, UserTaskStatus.Cancelled);
            Emit(context, HistoryEventTypes.Completed, node, token);
            AddJob(context, token, node, after: true, flows);
            return;
        }

        flows ??= SelectOutgoing(context, token, node);
        RemoveBookmarksOf(context, token, UserTaskStatus.Cancelled);
        Emit(context, HistoryEventTypes.Completed, node, token);
        await TakeAsync(context, token, flows, cancellationToken);
    }

    /// <summary>Moves a token that left its element along <paramref name="flows"/>: a new token for each but the first; none ends it.</summary>
    private async Task TakeAsync(InstanceContext context, Token token, IReadOnlyList<SequenceFlow> flows, CancellationToken cancellationToken)
    {
        if (flows.Count == 0)
        {
            await EndTokenAsync(context, token, cancellationToken);
            return;
        }

        for (var i = 1; i < flows.Count; i++)
        {
            var branch = new Token { Id = context.Instance.NextId("t"), ElementId = flows[i].TargetId, ScopeId = token.ScopeId, ArrivedVia = flows[i].Id };
            context.Instance.Tokens.Add(branch);
            Schedule(context, branch);
        }

        Move(token, flows[0]);
        Schedule(context, token);
    }

    private static void Move(Token token, SequenceFlow flow) => MoveTo(token, flow.TargetId, flow.Id);

    /// <summary>Puts the token on an element, arrived by <paramref name="via"/> (a sequence flow's id; null for a link).</summary>
    private static void MoveTo(Token token, string elementId, string? via)
    {
        token.ElementId = elementId;
        token.ArrivedVia = via;
        token.ChildScopeId = null;
        token.IsMultiInstanceItem = false;
        token.AsyncPassed = false;
    }

    /// <summary>The flows a token takes when leaving an activity or event: all whose condition holds, else the default.</summary>
    private List<SequenceFlow> SelectOutgoing(InstanceContext context, Token token, FlowNode node)
    {
        var outgoing = node.Outgoing;
        if (outgoing.Count == 1 && outgoing[0].Condition is null)
        {
            return [outgoing[0]];
        }

        var taken = new List<SequenceFlow>(outgoing.Count);
        foreach (var flow in outgoing)
        {
            if (flow != node.DefaultFlow && (flow.Condition is null || IsTrue(context, token, flow.Condition)))
            {
                taken.Add(flow);
            }
        }

        if (taken.Count == 0 && node.DefaultFlow is not null)
        {
            taken.Add(node.DefaultFlow);
        }

        if (taken.Count == 0 && outgoing.Count > 0)
        {
            throw new IncidentException(IncidentCodes.NoOutgoingFlow, $"No condition of an outgoing flow of '{node.Id}' holds and there is no default flow.");
        }

        return taken;
    }

    private bool IsTrue(InstanceContext context, Token token, Expression condition) =>
        Variables.IsTruthy(Scripts.Evaluate(condition, context.Reader(token.ScopeId)));

    public async Task EndTokenAsync(InstanceContext context, Token token, CancellationToken cancellationToken)
    {
        context.Instance.Tokens.Remove(token);
        if (token.CompensationFor is not null)
        {
            // A compensation handler finished: the compensation waiting for it goes on (its scope cannot be done meanwhile).
            await CompensationStepDoneAsync(context, token, cancellationToken);
            return;
        }

        await CompleteScopeIfDoneAsync(context, token.ScopeId, cancellationToken);
    }

    private async Task CompleteScopeIfDoneAsync(InstanceContext context, string scopeId, CancellationToken cancellationToken)
    {
        if (context.Instance.IsEnded || context.Instance.Tokens.Any(t => t.ScopeId == scopeId))
        {
            return;
        }

        StopListening(context, scopeId);

        var scope = context.GetScope(scopeId);
        switch (scope.Kind)
        {
            case ScopeKind.Process:
                await CompleteInstanceAsync(context, cancellationToken);
                break;
            case ScopeKind.SubProcess:
                context.Instance.Scopes.Remove(scope);
                var owner = context.GetToken(scope.OwnerTokenId!);
                owner.ChildScopeId = null;
                InstallSubProcessCompensation(context, owner, context.NodeOf(owner), scope);
                await GuardAsync(context, owner, () => LeaveAsync(context, owner, context.NodeOf(owner), cancellationToken));
                break;
        }
    }

    private async Task CompleteInstanceAsync(InstanceContext context, CancellationToken cancellationToken)
    {
        var instance = context.Instance;
        instance.Status = InstanceStatus.Completed;
        instance.EndedAt = Now;
        Emit(context, HistoryEventTypes.InstanceCompleted, context.Definition.Key, "process", context.Definition.Name, null);
        if (instance.ParentInstanceId is { } parentId)
        {
            await ReturnFromCallAsync(context, parentId, cancellationToken);
        }
    }

    /// <summary>Removes the token's bookmarks; user tasks among them end with <paramref name="taskStatus"/>.</summary>
    private void RemoveBookmarksOf(InstanceContext context, Token token, UserTaskStatus taskStatus)
    {
        var bookmarks = context.Instance.Bookmarks;
        for (var i = bookmarks.Count - 1; i >= 0; i--)
        {
            var bookmark = bookmarks[i];
            if (bookmark.TokenId != token.Id || bookmark.Kind == BookmarkKind.CallActivity)
            {
                continue;
            }

            bookmarks.RemoveAt(i);
            if (bookmark.Kind == BookmarkKind.UserTask)
            {
                Commit.EndedTasks.Add((bookmark.Id, taskStatus, Now, Actor));
            }
        }
    }

    /// <summary>Stops what the token's activity is doing: its bookmarks, child scope and called instance.</summary>
    private async Task InterruptAsync(InstanceContext context, Token token, CancellationToken cancellationToken)
    {
        RemoveBookmarksOf(context, token, UserTaskStatus.Cancelled);
        var call = context.Instance.Bookmarks.Find(b => b.TokenId == token.Id && b.Kind == BookmarkKind.CallActivity);
        if (call is not null)
        {
            context.Instance.Bookmarks.Remove(call);
            var child = await LoadAsync(call.ChildInstanceId!.Value, cancellationToken);
            await TerminateAsync(child, "cancelled with its call activity", cancellationToken);
        }

        if (token.ChildScopeId is not null)
        {
            await CancelScopeAsync(context, context.GetScope(token.ChildScopeId), cancellationToken);
            token.ChildScopeId = null;
        }

        Emit(context, HistoryEventTypes.Cancelled, context.NodeOf(token), token);
    }

    private async Task CancelScopeAsync(InstanceContext context, Scope scope, CancellationToken cancellationToken)
    {
        await CancelContentsAsync(context, scope, cancellationToken);
        context.Instance.Scopes.Remove(scope);
    }

    /// <summary>Cancels every path of a scope and its child scopes, and what its event sub-processes wait for; the scope itself stays.</summary>
    private async Task CancelContentsAsync(InstanceContext context, Scope scope, CancellationToken cancellationToken)
    {
        StopListening(context, scope.Id);
        foreach (var token in context.Instance.Tokens.Where(t => t.ScopeId == scope.Id).ToList())
        {
            await InterruptAsync(context, token, cancellationToken);
            context.Instance.Tokens.Remove(token);
            context.Instance.Incidents.RemoveAll(i => i.TokenId == token.Id);
        }

        foreach (var child in context.Instance.Scopes.Where(s => s.ParentId == scope.Id).ToList())
        {
            await CancelScopeAsync(context, child, cancellationToken);
        }
    }

    /// <summary>Ends an instance from outside (or with its call activity): every token and task is cancelled.</summary>
    public async Task TerminateAsync(InstanceContext context, string? reason, CancellationToken cancellationToken)
    {
        if (context.Instance.IsEnded)
        {
            return;
        }

        var root = context.Instance.RootScope;
        await CancelScopeAsync(context, root, cancellationToken);
        context.Instance.Scopes.Add(root);
        context.Instance.Status = InstanceStatus.Terminated;
        context.Instance.EndedAt = Now;
        Emit(context, HistoryEventTypes.InstanceTerminated, context.Definition.Key, "process", context.Definition.Name, null, reason);
    }

    // ---- incidents, variables and history

    /// <summary>Stops the token with an incident; in a job's unit of work, aborts the job instead (see <see cref="RunsJob"/>).</summary>
    private void RaiseIncident(InstanceContext context, Token token, string code, string message, Exception? cause = null)
    {
        if (!context.Instance.Tokens.Contains(token))
        {
            return;
        }

        if (RunsJob)
        {
            throw new JobFailedException(code, message, context.Instance.Id, token.ElementId, cause);
        }

        token.State = TokenState.Incident;
        context.Instance.Incidents.Add(new Incident
        {
            Id = context.Instance.NextId("i"), ElementId = token.ElementId, TokenId = token.Id, Code = code, Message = message, CreatedAt = Now,
        });
        Emit(context, HistoryEventTypes.Incident, context.NodeOf(token), token, $"{code}: {message}");
        _engine.Options.IncidentObserver?.Invoke(new IncidentReport(context.Instance.Id, context.Definition.Key, context.Instance.BusinessKey, token.ElementId, code, message, cause));
    }

    public void SetVariable(InstanceContext context, string scopeId, string name, object? value)
    {
        context.SetVariable(scopeId, name, value);
        context.NoteChanged(name);
        (_changes ??= new Dictionary<string, object?>(StringComparer.Ordinal))[name] = value;
    }

    /// <summary>Sets the variables that came with a message, signal or trigger in <paramref name="scopeId"/>.</summary>
    private void SetAll(InstanceContext context, string scopeId, IDictionary<string, object?>? variables)
    {
        if (variables is null)
        {
            return;
        }

        foreach (var (name, value) in variables)
        {
            SetVariable(context, scopeId, name, Variables.Normalize(value));
        }
    }

    /// <summary>Sets a variable the process owns (see <see cref="ProcessInstance.ProtectedVariables"/>).</summary>
    public void SetProcessVariable(InstanceContext context, string scopeId, string name, object? value)
    {
        SetVariable(context, scopeId, name, value);
        context.Instance.Protect(name);
    }

    public void Emit(InstanceContext context, string type, FlowNode node, Token? token, string? detail = null) =>
        Emit(context, type, node.Id, node.TypeName, node.Name, token, detail);

    public void Emit(InstanceContext context, string type, string elementId, string elementType, string? elementName, Token? token, string? detail = null)
    {
        Commit.History.Add(new HistoryEvent
        {
            InstanceId = context.Instance.Id,
            ProcessKey = context.Definition.Key,
            ProcessVersion = context.Definition.Version,
            Event = type,
            ElementId = elementId,
            ElementType = elementType,
            ElementName = elementName,
            Time = Now,
            Actor = Actor,
            TokenId = token?.Id,
            Detail = detail,
            Variables = _changes,
        });
        _changes = null;
    }

    public static string NewBookmarkId() => Guid.CreateVersion7().ToString("N");
}
