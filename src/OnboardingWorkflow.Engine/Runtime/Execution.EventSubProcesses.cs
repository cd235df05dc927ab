using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// Event sub-processes: while a process or sub-process scope runs, each of its event
/// sub-processes listens for the event of its start event. The scope itself waits (a bookmark
/// whose waiter is the scope, not a token), so the listening ends with the scope. An interrupting
/// start ends everything else in the scope first; a non-interrupting one runs beside it, as often
/// as its event comes.
/// </summary>
internal sealed partial class Execution
{
    /// <summary>Arms the timer, message and signal starts of the event sub-processes of a scope that has just opened.</summary>
    private void ListenForEventSubProcesses(InstanceContext context, Scope scope, ScopeDefinition definition)
    {
        foreach (var eventSubProcess in definition.EventSubProcesses)
        {
            ListenFor(context, scope.Id, eventSubProcess.Child!.NoneStart!);
        }
    }

    /// <summary>
    /// Arms one event sub-process start for the scope it runs in: a timer due from now, a message
    /// or signal name worked out from the scope's variables, a condition looked at with the next
    /// change of variables; other starts (error, escalation) wait for nothing. Also used for a
    /// scope already running, when a migration's target version adds the event sub-process. Throws
    /// <see cref="IncidentException"/> or <see cref="ExpressionException"/> when the start cannot be worked out.
    /// </summary>
    public void ListenFor(InstanceContext context, string scopeId, FlowNode start)
    {
        switch (start.Trigger)
        {
            case EventTrigger.Timer:
                ArmTimer(context, scopeId, scopeId, start, group: null);
                break;
            case EventTrigger.Message or EventTrigger.Signal:
                Subscribe(context, scopeId, scopeId, start, group: null);
                break;
            case EventTrigger.Conditional:
                WatchCondition(context, scopeId, start, group: null);
                break;
        }
    }

    /// <summary>Withdraws what the event sub-processes of a scope wait for: the scope ends or is interrupted.</summary>
    private static void StopListening(InstanceContext context, string scopeId) =>
        context.Instance.Bookmarks.RemoveAll(b => b.TokenId == scopeId);

    /// <summary>A timer, message or signal an event sub-process waits for has come.</summary>
    private async Task FireEventSubProcessAsync(InstanceContext context, Bookmark bookmark, FlowNode start, IDictionary<string, object?>? variables, CancellationToken cancellationToken)
    {
        var scope = context.GetScope(bookmark.TokenId);
        SetAll(context, scope.Id, variables);

        Emit(context, ArrivalOf(bookmark), start, null, bookmark.MessageName);

        KeepListeningOrRemove(context, bookmark, start);
        await StartEventSubProcessAsync(context, scope, start.Scope.Owner!, cancellationToken);
    }

    /// <summary>
    /// Starts an event sub-process in a running scope. Interrupting, every other path of the scope
    /// is cancelled (with its tasks, child scopes and called instances) and the scope stops
    /// listening; then the event sub-process runs as the scope's only path.
    /// </summary>
    private async Task StartEventSubProcessAsync(InstanceContext context, Scope scope, FlowNode eventSubProcess, CancellationToken cancellationToken)
    {
        if (eventSubProcess.Child!.NoneStart!.CancelActivity)
        {
            await CancelContentsAsync(context, scope, cancellationToken);
        }

        var token = new Token { Id = context.Instance.NextId("t"), ElementId = eventSubProcess.Id, ScopeId = scope.Id, State = TokenState.Waiting };
        context.Instance.Tokens.Add(token);
        Emit(context, HistoryEventTypes.Activated, eventSubProcess, token);
        await SubProcess(context, token, eventSubProcess);
    }
}
