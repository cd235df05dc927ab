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
            // Broadcast after this unit of work commits, as messages are: every waiting instance, this one included, gets it.
            var name = Variables.AsText(Scripts.Evaluate(node.SignalName, context.Reader(token.ScopeId)))!;
            Emit(context, HistoryEventTypes.SignalThrown, node, token, name);
            OutgoingSignals.Add(name);
        }

        if (node.Trigger == EventTrigger.Escalation && !await ThrowEscalationAsync(context, token, node, cancellationToken))
        {
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
        OutgoingMessages.Add((name, key, context.VisibleVariables(token.ScopeId)));
    }

    private Task CatchEvent(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        if (node.Trigger == EventTrigger.Link)
        {
            return LeaveAsync(context, token, node, cancellationToken);
        }

        if (node.Trigger == EventTrigger.Timer)
        {
            ArmTimer(context, token, node, group: null);
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
        }
    }

    private void ArmTimer(InstanceContext context, Token token, FlowNode timerNode, string? group)
    {
        var spec = timerNode.Timer!;
        var text = Variables.AsText(Scripts.Evaluate(spec.Value, context.Reader(token.ScopeId)));
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
            TokenId = token.Id,
            Group = group,
            CreatedAt = Now,
            DueAt = schedule.DueAt,
            CycleInterval = schedule.Interval?.ToString(),
            CycleRemaining = schedule.RemainingAfterThis,
        });
    }

    private void Subscribe(InstanceContext context, Token token, FlowNode node, string? group)
    {
        var reader = context.Reader(token.ScopeId);
        if (node.Trigger == EventTrigger.Signal)
        {
            context.Instance.Bookmarks.Add(new Bookmark
            {
                Id = NewBookmarkId(), Kind = BookmarkKind.Signal, ElementId = node.Id, TokenId = token.Id, Group = group, CreatedAt = Now,
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
            TokenId = token.Id,
            Group = group,
            CreatedAt = Now,
            MessageName = name,
            CorrelationKey = key,
        });
    }

    /// <summary>Resumes a timer, message or async-continuation bookmark.</summary>
    public async Task FireAsync(InstanceContext context, Bookmark bookmark, IDictionary<string, object?>? variables, CancellationToken cancellationToken)
    {
        var token = context.GetToken(bookmark.TokenId);
        var node = context.Definition.GetNode(bookmark.ElementId);
        if (bookmark.Kind == BookmarkKind.Job)
        {
            context.Instance.Bookmarks.Remove(bookmark);
            token.AsyncPassed = true;
            Schedule(context, token);
            return;
        }

        if (variables is not null)
        {
            foreach (var (name, value) in variables)
            {
                SetVariable(context, token.ScopeId, name, Variables.Normalize(value));
            }
        }

        Emit(context, bookmark.Kind switch
        {
            BookmarkKind.Timer => HistoryEventTypes.TimerFired,
            BookmarkKind.Signal => HistoryEventTypes.SignalReceived,
            _ => HistoryEventTypes.MessageReceived,
        }, node, token, bookmark.MessageName);
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
            if (!node.CancelActivity && bookmark.Kind == BookmarkKind.Timer && bookmark.CycleInterval is not null && bookmark.CycleRemaining != 0
                && WorkflowEngine.NextInCycle(bookmark.CycleInterval, bookmark.DueAt!.Value) is { } next)
            {
                bookmark.DueAt = next;
                bookmark.CycleRemaining = bookmark.CycleRemaining < 0 ? -1 : bookmark.CycleRemaining - 1;
            }
            else
            {
                context.Instance.Bookmarks.Remove(bookmark);
            }

            await FireBoundaryAsync(context, token, node, cancellationToken);
            return;
        }

        context.Instance.Bookmarks.Remove(bookmark);
        token.State = TokenState.Ready;
        await GuardAsync(context, token, () => LeaveAsync(context, token, node, cancellationToken));
    }

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
        var (catchContext, host, boundary) = await FindCatchAsync(context, token, EventTrigger.Error, code, cancellationToken);
        if (boundary is not null)
        {
            // When the catching activity is a call activity, interrupting it ends the called instance.
            SetVariable(catchContext!, host!.ScopeId, "errorCode", code);
            await FireBoundaryAsync(catchContext!, host, boundary, cancellationToken);
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
        var (catchContext, host, boundary) = await FindCatchAsync(context, token, EventTrigger.Escalation, code, cancellationToken);
        if (boundary is null)
        {
            return true;
        }

        SetVariable(catchContext!, host!.ScopeId, "escalationCode", code);
        await FireBoundaryAsync(catchContext!, host, boundary, cancellationToken);
        return !boundary.CancelActivity;
    }

    /// <summary>The nearest enclosing activity whose boundary event of <paramref name="trigger"/> catches <paramref name="code"/> (a named code first, then a catch-all).</summary>
    private async Task<(InstanceContext? Context, Token? Host, FlowNode? Boundary)> FindCatchAsync(InstanceContext context, Token token, EventTrigger trigger, string code, CancellationToken cancellationToken)
    {
        var current = token;
        var currentContext = context;
        while (true)
        {
            if (!current.IsMultiInstanceItem)
            {
                var node = currentContext.NodeOf(current);
                if (node.IsActivity)
                {
                    var boundary = node.Boundaries.FirstOrDefault(b => b.Trigger == trigger && CodeOf(b) == code)
                        ?? node.Boundaries.FirstOrDefault(b => b.Trigger == trigger && CodeOf(b) is null);
                    if (boundary is not null)
                    {
                        return (currentContext, current, boundary);
                    }
                }
            }

            var scope = currentContext.GetScope(current.ScopeId);
            if (scope.Kind == ScopeKind.Process)
            {
                if (currentContext.Instance.ParentInstanceId is not { } parentId)
                {
                    return (null, null, null);
                }

                var parent = await LoadAsync(parentId, cancellationToken);
                current = parent.GetToken(currentContext.Instance.ParentTokenId!);
                currentContext = parent;
                continue;
            }

            current = currentContext.GetToken(scope.OwnerTokenId!);
        }
    }

    private static string? CodeOf(FlowNode boundary) => boundary.Trigger == EventTrigger.Escalation ? boundary.EscalationCode : boundary.ErrorCode;
}
