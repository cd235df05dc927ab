using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>Event behaviours: end and throw events, catch events, boundary events, timers, messages and errors.</summary>
internal sealed partial class Execution
{
    private async Task EndEventAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        switch (node.Trigger)
        {
            case EventTrigger.Error:
                await ThrowErrorAsync(context, token, node.ErrorCode ?? node.Id, null, fromEndEvent: true, cancellationToken);
                return;
            case EventTrigger.Terminate:
                Emit(context, HistoryEventTypes.Completed, node, token);
                await TerminateScopeAsync(context, token, cancellationToken);
                return;
            case EventTrigger.Message or EventTrigger.Signal:
                await ThrowEventAsync(context, token, node, cancellationToken);
                return;
            case EventTrigger.Compensation:
                await ThrowCompensationAsync(context, token, node, cancellationToken);
                return;
            case EventTrigger.Cancel:
                await CancelTransactionAsync(context, token, node, cancellationToken);
                return;
            case EventTrigger.Escalation:
                if (await ThrowEscalationAsync(context, token, node, cancellationToken))
                {
                    Emit(context, HistoryEventTypes.Completed, node, token);
                    await EndTokenAsync(context, token, cancellationToken);
                }

                return;
            default:
                Emit(context, HistoryEventTypes.Completed, node, token);
                await EndTokenAsync(context, token, cancellationToken);
                return;
        }
    }

    /// <summary>A terminate end event ends every other path of its scope; the scope then completes.</summary>
    private async Task TerminateScopeAsync(InstanceContext context, Token token, CancellationToken cancellationToken)
    {
        foreach (var other in context.Instance.Tokens.Where(t => t.ScopeId == token.ScopeId && t != token).ToList())
        {
            await InterruptAsync(context, other, cancellationToken);
            context.Instance.Tokens.Remove(other);
            context.Instance.Incidents.RemoveAll(i => i.TokenId == other.Id);
        }

        await EndTokenAsync(context, token, cancellationToken);
    }

    private async Task ThrowEventAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        if (node.HandlerName is not null || node.ServiceExpression is not null)
        {
            await ServiceTaskAsync(context, token, node, cancellationToken);
            return;
        }

        if (node.Trigger == EventTrigger.Message)
        {
            ThrowMessage(context, token, node);
        }

        if (node.Trigger == EventTrigger.Signal && node.SignalName is not null)
        {
            // Stored with this unit of work and broadcast after it commits, as messages are: every waiting instance, this one included, gets it.
            var name = Variables.AsText(Scripts.Evaluate(node.SignalName, context.Reader(token.ScopeId)))!;
            Emit(context, HistoryEventTypes.SignalThrown, node, token, name);
            Commit.Dispatches.Add(_engine.NewDispatch(DispatchKind.Signal, name, null, null, Actor, context.Instance.Id, Now));
        }

        if (node.Trigger == EventTrigger.Escalation && !await ThrowEscalationAsync(context, token, node, cancellationToken))
        {
            return;
        }

        if (node.Trigger == EventTrigger.Compensation)
        {
            await ThrowCompensationAsync(context, token, node, cancellationToken);
            return;
        }

        if (node.LinkTarget is { } target)
        {
            // A link goes on at its catch event as if a sequence flow led there.
            Emit(context, HistoryEventTypes.Completed, node, token);
            MoveTo(token, target.Id, via: null);
            Schedule(context, token);
            return;
        }

        await LeaveAsync(context, token, node, cancellationToken);
    }

    private void ThrowMessage(InstanceContext context, Token token, FlowNode node)
    {
        if (node.MessageName is null)
        {
            return;
        }

        var reader = context.Reader(token.ScopeId);
        var name = Variables.AsText(Scripts.Evaluate(node.MessageName, reader))!;
        var key = node.CorrelationKey is null ? context.Instance.BusinessKey : Variables.AsText(Scripts.Evaluate(node.CorrelationKey, reader));
        Commit.Dispatches.Add(_engine.NewDispatch(DispatchKind.Message, name, key, context.VisibleVariables(token.ScopeId), Actor, context.Instance.Id, Now));
    }

    private Task CatchEvent(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        if (node.Trigger == EventTrigger.Link)
        {
            return LeaveAsync(context, token, node, cancellationToken);
        }

        if (node.Trigger == EventTrigger.Conditional && ConditionHolds(context, token.ScopeId, node))
        {
            // Already true when reached: nothing to wait for.
            Emit(context, HistoryEventTypes.ConditionMet, node, token);
            return LeaveAsync(context, token, node, cancellationToken);
        }

        if (node.Trigger == EventTrigger.Timer)
        {
            ArmTimer(context, token, node, group: null);
        }
        else if (node.Trigger == EventTrigger.Conditional)
        {
            WatchCondition(context, token.Id, node, group: null);
        }
        else
        {
            Subscribe(context, token, node, group: null);
        }

        token.State = TokenState.Waiting;
        Emit(context, HistoryEventTypes.Waiting, node, token);
        return Task.CompletedTask;
    }

    /// <summary>Arms the timer and message boundary events of an activity the token starts.</summary>
    private void SubscribeBoundaries(InstanceContext context, Token token, FlowNode node)
    {
        foreach (var boundary in node.Boundaries)
        {
            if (context.Instance.Bookmarks.Exists(b => b.TokenId == token.Id && b.ElementId == boundary.Id))
            {
                continue; // already armed (the activity is being retried)
            }

            if (boundary.Trigger == EventTrigger.Timer)
            {
                ArmTimer(context, token, boundary, group: null);
            }
            else if (boundary.Trigger is EventTrigger.Message or EventTrigger.Signal)
            {
                Subscribe(context, token, boundary, group: null);
            }
            else if (boundary.Trigger == EventTrigger.Conditional)
            {
                WatchCondition(context, token.Id, boundary, group: null);
            }
        }
    }

    private void ArmTimer(InstanceContext context, Token token, FlowNode timerNode, string? group) => ArmTimer(context, token.Id, token.ScopeId, timerNode, group);

    /// <summary>Arms a timer for <paramref name="waiterId"/> (a token, or a scope for an event sub-process), evaluated in <paramref name="scopeId"/>.</summary>
    private void ArmTimer(InstanceContext context, string waiterId, string scopeId, FlowNode timerNode, string? group)
    {
        var spec = timerNode.Timer!;
        var text = Variables.AsText(Scripts.Evaluate(spec.Value, context.Reader(scopeId)));
        TimerSchedule schedule;
        try
        {
            schedule = TimerSchedule.Resolve(spec.Kind, text ?? string.Empty, Now);
        }
        catch (FormatException ex)
        {
            throw new IncidentException(IncidentCodes.InvalidValue, $"The timer of '{timerNode.Id}' is invalid: {ex.Message}");
        }

        context.Instance.Bookmarks.Add(new Bookmark
        {
            Id = NewBookmarkId(),
            Kind = BookmarkKind.Timer,
            ElementId = timerNode.Id,
            TokenId = waiterId,
            Group = group,
            CreatedAt = Now,
            DueAt = schedule.DueAt,
            CycleInterval = schedule.Interval?.ToString(),
            CycleRemaining = schedule.RemainingAfterThis,
        });
    }

    private void Subscribe(InstanceContext context, Token token, FlowNode node, string? group) => Subscribe(context, token.Id, token.ScopeId, node, group);

    /// <summary>Subscribes <paramref name="waiterId"/> (a token, or a scope for an event sub-process) to a message or signal, evaluated in <paramref name="scopeId"/>.</summary>
    private void Subscribe(InstanceContext context, string waiterId, string scopeId, FlowNode node, string? group)
    {
        var reader = context.Reader(scopeId);
        if (node.Trigger == EventTrigger.Signal)
        {
            context.Instance.Bookmarks.Add(new Bookmark
            {
                Id = NewBookmarkId(), Kind = BookmarkKind.Signal, ElementId = node.Id, TokenId = waiterId, Group = group, CreatedAt = Now,
                MessageName = Variables.AsText(Scripts.Evaluate(node.SignalName!, reader))!,
            });
            return;
        }

        var name = Variables.AsText(Scripts.Evaluate(node.MessageName!, reader))!;
        var key = node.CorrelationKey is null ? context.Instance.BusinessKey : Variables.AsText(Scripts.Evaluate(node.CorrelationKey, reader));
        context.Instance.Bookmarks.Add(new Bookmark
        {
            Id = NewBookmarkId(),
            Kind = BookmarkKind.Message,
            ElementId = node.Id,
            TokenId = waiterId,
            Group = group,
            CreatedAt = Now,
            MessageName = name,
            CorrelationKey = key,
        });
    }

    /// <summary>Resumes a timer, message, signal, trigger or conditional bookmark, or runs an async job.</summary>
    public async Task FireAsync(InstanceContext context, Bookmark bookmark, IDictionary<string, object?>? variables, CancellationToken cancellationToken)
    {
        var node = context.Definition.GetNode(bookmark.ElementId);
        if (bookmark.Kind == BookmarkKind.Job)
        {
            // Before the event sub-process check: a job at an event sub-process's start event belongs to a token in it.
            await RunJobAsync(context, bookmark, context.GetToken(bookmark.TokenId), node, cancellationToken);
            return;
        }

        if (node.Scope.IsEventSubProcess && node.Kind == ElementKind.StartEvent)
        {
            await FireEventSubProcessAsync(context, bookmark, node, variables, cancellationToken);
            return;
        }

        var token = context.GetToken(bookmark.TokenId);

        SetAll(context, token.ScopeId, variables);

        Emit(context, ArrivalOf(bookmark), node, token, bookmark.MessageName);
        if (bookmark.Group is not null)
        {
            // Event-based gateway: the first event wins, the others are withdrawn.
            context.Instance.Bookmarks.RemoveAll(b => b.Group == bookmark.Group);
            var gateway = context.NodeOf(token);
            Emit(context, HistoryEventTypes.Completed, gateway, token);
            var flow = gateway.Outgoing.First(f => f.TargetId == node.Id);
            Move(token, flow);
            token.State = TokenState.Ready;
            Emit(context, HistoryEventTypes.Activated, node, token);
            await GuardAsync(context, token, () => LeaveAsync(context, token, node, cancellationToken));
            return;
        }

        if (node.Kind == ElementKind.BoundaryEvent)
        {
            KeepListeningOrRemove(context, bookmark, node);
            await FireBoundaryAsync(context, token, node, cancellationToken);
            return;
        }

        context.Instance.Bookmarks.Remove(bookmark);
        token.State = TokenState.Ready;
        await GuardAsync(context, token, () => LeaveAsync(context, token, node, cancellationToken));
    }

    /// <summary>
    /// After a boundary event or an event sub-process start fired: an interrupting one is done; a
    /// non-interrupting one goes on listening while its activity or scope runs (a message or signal
    /// may come again, a condition become true again, a cycle has its next turn), but a one-off
    /// timer or the last turn of a cycle is spent.
    /// </summary>
    private static void KeepListeningOrRemove(InstanceContext context, Bookmark bookmark, FlowNode node)
    {
        var keep = !node.CancelActivity && bookmark.Kind switch
        {
            BookmarkKind.Timer => bookmark.CycleInterval is not null && bookmark.CycleRemaining != 0 && bookmark.DueAt is { } due
                && WorkflowEngine.NextInCycle(bookmark.CycleInterval, due) is { } next && NextTurn(bookmark, next),
            _ => true,
        };
        if (!keep)
        {
            context.Instance.Bookmarks.Remove(bookmark);
        }
    }

    private static bool NextTurn(Bookmark timer, DateTimeOffset next)
    {
        timer.DueAt = next;
        timer.CycleRemaining = timer.CycleRemaining < 0 ? -1 : timer.CycleRemaining - 1;
        return true;
    }

    /// <summary>The history event of what came for a bookmark: a timer, a message, a signal, a trigger or a condition.</summary>
    private static string ArrivalOf(Bookmark bookmark) => bookmark.Kind switch
    {
        BookmarkKind.Timer => HistoryEventTypes.TimerFired,
        BookmarkKind.Signal => HistoryEventTypes.SignalReceived,
        BookmarkKind.Trigger => HistoryEventTypes.Triggered,
        BookmarkKind.Conditional => HistoryEventTypes.ConditionMet,
        _ => HistoryEventTypes.MessageReceived,
    };

    /// <summary>Takes a boundary event's path: interrupting ones cancel the activity first.</summary>
    private async Task FireBoundaryAsync(InstanceContext context, Token host, FlowNode boundary, CancellationToken cancellationToken)
    {
        Token token;
        if (boundary.CancelActivity)
        {
            await InterruptAsync(context, host, cancellationToken);
            context.Instance.Incidents.RemoveAll(i => i.TokenId == host.Id);
            host.ElementId = boundary.Id;
            host.ArrivedVia = null;
            host.IsMultiInstanceItem = false;
            host.AsyncPassed = false;
            host.State = TokenState.Ready;
            token = host;
        }
        else
        {
            token = new Token { Id = context.Instance.NextId("t"), ElementId = boundary.Id, ScopeId = host.ScopeId, State = TokenState.Ready };
            context.Instance.Tokens.Add(token);
        }

        Emit(context, HistoryEventTypes.Activated, boundary, token);
        await GuardAsync(context, token, () => LeaveAsync(context, token, boundary, cancellationToken));
    }

    /// <summary>
    /// Throws a BPMN error from a token: the nearest enclosing activity with a matching error
    /// boundary event catches it, across sub-processes, multi-instance bodies and call activities.
    /// </summary>
    private async Task ThrowErrorAsync(InstanceContext context, Token token, string code, string? message, bool fromEndEvent, CancellationToken cancellationToken)
    {
        Emit(context, HistoryEventTypes.ErrorThrown, context.NodeOf(token), token, message is null ? code : $"{code}: {message}");
        if (await FindCatchAsync(context, token, EventTrigger.Error, code, cancellationToken) is { } caught)
        {
            // When the catching activity is a call activity, interrupting it ends the called instance.
            await TakeCatchAsync(caught, "errorCode", code, cancellationToken);
            return;
        }

        if (!fromEndEvent)
        {
            throw new IncidentException(IncidentCodes.UnhandledError, $"The BPMN error '{code}' was not caught by any error boundary event.{(message is null ? "" : " " + message)}");
        }

        // An uncaught error end event fails the instance; a calling instance gets an incident.
        var instance = context.Instance;
        var root = instance.RootScope;
        await CancelScopeAsync(context, root, cancellationToken);
        instance.Scopes.Add(root);
        instance.Status = InstanceStatus.Failed;
        instance.EndErrorCode = code;
        instance.EndedAt = Now;
        Emit(context, HistoryEventTypes.InstanceFailed, context.Definition.Key, "process", context.Definition.Name, null, code);
        if (instance.ParentInstanceId is { } parentId)
        {
            var parent = await LoadAsync(parentId, cancellationToken);
            var callToken = parent.GetToken(instance.ParentTokenId!);
            parent.Instance.Bookmarks.RemoveAll(b => b.TokenId == callToken.Id && b.Kind == BookmarkKind.CallActivity);
            RaiseIncident(parent, callToken, IncidentCodes.UnhandledError, $"The called instance {instance.Id} failed with the uncaught error '{code}'.");
        }
    }

    /// <summary>
    /// Throws the escalation of an intermediate or end event: the nearest enclosing sub-process or
    /// call activity with a matching escalation boundary event catches it, across call activities
    /// as errors are. Interrupting, it ends that activity with the throwing path inside it; not
    /// interrupting, a new path starts at the boundary event. Uncaught, nothing else happens (it
    /// is not a failure). True when the throwing token goes on.
    /// </summary>
    private async Task<bool> ThrowEscalationAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        var code = node.EscalationCode ?? node.Id;
        Emit(context, HistoryEventTypes.EscalationThrown, node, token, code);
        if (await FindCatchAsync(context, token, EventTrigger.Escalation, code, cancellationToken) is not { } caught)
        {
            return true;
        }

        await TakeCatchAsync(caught, "escalationCode", code, cancellationToken);
        return !caught.Event.CancelActivity;
    }

    /// <summary>Where a thrown error or escalation is caught: a boundary event of a host activity, or the start event of an event sub-process of a running scope.</summary>
    private readonly record struct Catch(InstanceContext Context, FlowNode Event, Token? Host, Scope? Scope);

    /// <summary>Takes the catching path, with the caught code set as <paramref name="variable"/> where that path runs.</summary>
    private async Task TakeCatchAsync(Catch caught, string variable, string code, CancellationToken cancellationToken)
    {
        if (caught.Host is { } host)
        {
            SetVariable(caught.Context, host.ScopeId, variable, code);
            await FireBoundaryAsync(caught.Context, host, caught.Event, cancellationToken);
            return;
        }

        SetVariable(caught.Context, caught.Scope!.Id, variable, code);
        await StartEventSubProcessAsync(caught.Context, caught.Scope, caught.Event.Scope.Owner!, cancellationToken);
    }

    /// <summary>
    /// The nearest catch of <paramref name="trigger"/> and <paramref name="code"/> (a named code
    /// first, then a catch-all) going outwards from the token: at each level, a boundary event of
    /// the activity, then an event sub-process of the scope it runs in, then the activity that owns
    /// that scope, across call activities. What an event sub-process throws goes past the event
    /// sub-processes of its own scope, which it already interrupts or runs beside.
    /// </summary>
    private async Task<Catch?> FindCatchAsync(InstanceContext context, Token token, EventTrigger trigger, string code, CancellationToken cancellationToken)
    {
        var current = token;
        var currentContext = context;
        while (true)
        {
            if (current is { CompensationFor: { } runnerId, Compensating: not null })
            {
                // A completed sub-process being compensated does not run again: what its handlers throw goes on from where compensation was thrown.
                current = currentContext.GetToken(runnerId);
                continue;
            }

            var node = currentContext.NodeOf(current);
            if (!current.IsMultiInstanceItem && node.IsActivity && Match(node.Boundaries, trigger, code) is { } boundary)
            {
                return new Catch(currentContext, boundary, current, null);
            }

            var scope = currentContext.GetScope(current.ScopeId);
            if (scope.Kind is ScopeKind.Process or ScopeKind.SubProcess && !node.TriggeredByEvent
                && Match(currentContext.DefinitionOf(scope).EventSubProcesses.Select(e => e.Child!.NoneStart!), trigger, code) is { } start)
            {
                return new Catch(currentContext, start, null, scope);
            }

            if (scope.Kind == ScopeKind.Process)
            {
                if (currentContext.Instance.ParentInstanceId is not { } parentId)
                {
                    return null;
                }

                var parent = await LoadAsync(parentId, cancellationToken);
                current = parent.GetToken(currentContext.Instance.ParentTokenId!);
                currentContext = parent;
                continue;
            }

            current = currentContext.GetToken(scope.OwnerTokenId!);
        }
    }

    private static FlowNode? Match(IEnumerable<FlowNode> events, EventTrigger trigger, string code)
    {
        FlowNode? catchAll = null;
        foreach (var candidate in events)
        {
            if (candidate?.Trigger != trigger)
            {
                continue;
            }

            var caught = CodeOf(candidate);
            if (caught == code)
            {
                return candidate;
            }

            catchAll ??= caught is null ? candidate : null;
        }

        return catchAll;
    }

    private static string? CodeOf(FlowNode node) => node.Trigger == EventTrigger.Escalation ? node.EscalationCode : node.ErrorCode;
}
