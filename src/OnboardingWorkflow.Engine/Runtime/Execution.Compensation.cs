using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// Compensation and transactions. An activity with a compensation handler that completes is
/// remembered in its scope (each completion once: a loop turn, a multi-instance item); a completed
/// sub-process without a handler of its own is remembered with what completed inside it and its
/// local variables. A compensation throw or end event takes what its scope remembers (only its
/// activityRef, when it names one; from an event sub-process, the scope around it too) and undoes
/// it, last completed first, one handler after the other: a user-task handler holds back the ones
/// before it. Camunda 7 starts every handler at once instead, so only handlers that finish
/// without waiting keep the reverse order there; here the order always holds. The throwing token
/// goes on once they are done, or at once with waitForCompletion="false" (the scope still waits
/// for them). Handlers run in the scope their activity ran in and see its variables as they are
/// now; the handlers inside a compensated sub-process see its local variables as it left them
/// (for a multi-instance item, its loopCounter and element variable).
/// </summary>
internal sealed partial class Execution
{
    // ---- remembering what completed

    /// <summary>An activity with a compensation handler completed: remembered in its scope so compensation can undo it.</summary>
    private static void InstallCompensation(InstanceContext context, Token token, FlowNode node)
    {
        // A sub-process is remembered when its scope completes; a multi-instance activity through each of its items.
        if (node.CompensationHandler is null || node.Kind == ElementKind.SubProcess || token.CompensationFor is not null
            || node.MultiInstance is not null && !token.IsMultiInstanceItem)
        {
            return;
        }

        Remember(context, token.ScopeId, new CompensationRecord { ElementId = node.Id });
    }

    /// <summary>A sub-process completed: remembered for its own handler, else for the handlers of what completed inside it.</summary>
    private static void InstallSubProcessCompensation(InstanceContext context, Token owner, FlowNode node, Scope completed)
    {
        if (owner.CompensationFor is not null)
        {
            return; // a compensation handler itself is not undone
        }

        if (node.CompensationHandler is not null)
        {
            Remember(context, owner.ScopeId, new CompensationRecord { ElementId = node.Id });
        }
        else if (completed.Compensations is { Count: > 0 } inner)
        {
            Remember(context, owner.ScopeId, new CompensationRecord { ElementId = node.Id, Inner = inner, Variables = LocalVariables(context, owner, completed) });
        }
    }

    /// <summary>The local variables of a completed sub-process, with those of its multi-instance item (loopCounter, the element variable) when it was one.</summary>
    private static Dictionary<string, object?> LocalVariables(InstanceContext context, Token owner, Scope completed)
    {
        var variables = owner.IsMultiInstanceItem ? Variables.CloneMap(context.GetScope(owner.ScopeId).Variables) : new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in completed.Variables)
        {
            variables[name] = Variables.Clone(value);
        }

        return variables;
    }

    /// <summary>Adds a record to a scope; what a multi-instance item completes is kept by its body until the whole activity completes.</summary>
    private static void Remember(InstanceContext context, string scopeId, CompensationRecord record)
    {
        var scope = context.GetScope(scopeId);
        if (scope.Kind == ScopeKind.MultiInstanceItem)
        {
            scope = context.GetScope(scope.ParentId!);
        }

        if (record.Order == 0)
        {
            record.Order = context.Instance.NextNumber();
        }

        (scope.Compensations ??= []).Add(record);
    }

    /// <summary>A multi-instance activity completed: what its items left to compensate now belongs to the scope it ran in.</summary>
    private static void HandOverCompensations(InstanceContext context, Scope body)
    {
        if (body.Compensations is not { } records)
        {
            return;
        }

        body.Compensations = null;
        foreach (var record in records)
        {
            Remember(context, body.ParentId!, record);
        }
    }

    // ---- throwing compensation

    /// <summary>A compensation intermediate throw or end event.</summary>
    private async Task ThrowCompensationAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        var queue = TakeCompensations(context, token.ScopeId, node.CompensationActivityRef);
        if (queue.Count > 0 && node.WaitForCompletion)
        {
            token.State = TokenState.Waiting;
            token.Compensating = queue;
            Emit(context, HistoryEventTypes.Waiting, node, token, "compensation");
            await CompensateNextAsync(context, token, cancellationToken);
            return;
        }

        if (queue.Count > 0)
        {
            // Not waiting for it: a path of its own runs the handlers beside the flow, and the scope ends only after them.
            var runner = new Token { Id = context.Instance.NextId("t"), ElementId = node.Id, ScopeId = token.ScopeId, State = TokenState.Waiting, Compensating = queue };
            context.Instance.Tokens.Add(runner);
            await CompensateNextAsync(context, runner, cancellationToken);
        }

        await GoOnAfterCompensationAsync(context, token, node, cancellationToken);
    }

    private async Task GoOnAfterCompensationAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        if (node.Kind == ElementKind.EndEvent)
        {
            Emit(context, HistoryEventTypes.Completed, node, token);
            await EndTokenAsync(context, token, cancellationToken);
            return;
        }

        await LeaveAsync(context, token, node, cancellationToken);
    }

    /// <summary>
    /// Takes from a scope what it remembers (all, or the completions of <paramref name="activityRef"/>),
    /// last completed first; from an event sub-process, the scope around it too, as it does not
    /// keep compensation of its own apart.
    /// </summary>
    private static List<CompensationRecord> TakeCompensations(InstanceContext context, string scopeId, string? activityRef)
    {
        var queue = new List<CompensationRecord>();
        for (Scope? scope = context.GetScope(scopeId); scope is not null; scope = IsEventSubProcessScope(context, scope) ? context.GetScope(scope.ParentId!) : null)
        {
            if (scope.Compensations is not { } records)
            {
                continue;
            }

            var taken = records.FindAll(r => activityRef is null || r.ElementId == activityRef);
            records.RemoveAll(taken.Contains);
            scope.Compensations = records.Count == 0 ? null : records;
            queue.AddRange(Queued(taken, scope.Id));
        }

        queue.Sort((a, b) => b.Order.CompareTo(a.Order));
        return queue;
    }

    private static bool IsEventSubProcessScope(InstanceContext context, Scope scope) =>
        scope.Kind == ScopeKind.SubProcess && context.Definition.GetNode(scope.ElementId).TriggeredByEvent;

    /// <summary>Records put in a queue, last completed first, each naming the scope its handler runs in.</summary>
    private static List<CompensationRecord> Queued(IEnumerable<CompensationRecord> records, string scopeId)
    {
        var queue = records.OrderByDescending(r => r.Order).ToList();
        foreach (var record in queue)
        {
            record.ScopeId = scopeId;
        }

        return queue;
    }

    /// <summary>
    /// Starts compensating the next record of a runner's queue: its handler on a token of its own,
    /// or, for a completed sub-process, its inner records inside that sub-process opened again. Each
    /// tells the runner when it is done; with the queue empty, the runner goes on.
    /// </summary>
    private async Task CompensateNextAsync(InstanceContext context, Token runner, CancellationToken cancellationToken)
    {
        while (runner.Compensating is { Count: > 0 } queue)
        {
            var record = queue[0];
            queue.RemoveAt(0);
            var activity = context.Definition.GetNode(record.ElementId);
            if (activity.CompensationHandler is { } handler)
            {
                Emit(context, HistoryEventTypes.CompensationThrown, activity, runner, $"handler {handler.Id}");
                var token = new Token { Id = context.Instance.NextId("t"), ElementId = handler.Id, ScopeId = record.ScopeId!, CompensationFor = runner.Id };
                context.Instance.Tokens.Add(token);
                Schedule(context, token);
                return;
            }

            if (record.Inner is { Count: > 0 } inner)
            {
                Emit(context, HistoryEventTypes.CompensationThrown, activity, runner, "its completed activities");
                var nested = new Token
                {
                    Id = context.Instance.NextId("t"), ElementId = activity.Id, ScopeId = record.ScopeId!, State = TokenState.Waiting, CompensationFor = runner.Id,
                };
                var reopened = new Scope
                {
                    Id = context.Instance.NextId("s"), ParentId = record.ScopeId, Kind = ScopeKind.Compensation, ElementId = activity.Id, OwnerTokenId = nested.Id,
                    Variables = record.Variables ?? new Dictionary<string, object?>(StringComparer.Ordinal),
                };
                nested.ChildScopeId = reopened.Id;
                nested.Compensating = Queued(inner, reopened.Id);
                context.Instance.Scopes.Add(reopened);
                context.Instance.Tokens.Add(nested);
                await CompensateNextAsync(context, nested, cancellationToken);
                return;
            }

            // Neither cannot be: a record is kept only with one of the two, and a migration that would lose a handler is refused.
        }

        await FinishCompensationAsync(context, runner, cancellationToken);
    }

    /// <summary>A handler, or a compensated sub-process, finished: the runner waiting for it goes on.</summary>
    private async Task CompensationStepDoneAsync(InstanceContext context, Token finished, CancellationToken cancellationToken)
    {
        if (context.FindToken(finished.CompensationFor!) is { } runner)
        {
            await CompensateNextAsync(context, runner, cancellationToken);
        }
    }

    private async Task FinishCompensationAsync(InstanceContext context, Token runner, CancellationToken cancellationToken)
    {
        runner.Compensating = null;
        var node = context.NodeOf(runner);
        if (runner.CompensationFor is not null)
        {
            // A completed sub-process has been compensated: close it again.
            context.Instance.Scopes.RemoveAll(s => s.Id == runner.ChildScopeId);
            context.Instance.Tokens.Remove(runner);
            await CompensationStepDoneAsync(context, runner, cancellationToken);
            return;
        }

        if (node.Trigger == EventTrigger.Cancel)
        {
            await GuardAsync(context, runner, () => LeaveTransactionAsync(context, runner, cancellationToken));
            return;
        }

        if (!node.WaitForCompletion)
        {
            context.Instance.Tokens.Remove(runner);
            await CompleteScopeIfDoneAsync(context, runner.ScopeId, cancellationToken);
            return;
        }

        runner.State = TokenState.Ready;
        await GuardAsync(context, runner, () => GoOnAfterCompensationAsync(context, runner, node, cancellationToken));
    }

    /// <summary>
    /// A token that does compensation work off the flow: a handler, a compensated sub-process, or
    /// the path running handlers beside the flow. It never arrives at a join.
    /// </summary>
    private static bool OnlyCompensates(InstanceContext context, Token token) =>
        token.CompensationFor is not null || token.Compensating is not null && !context.NodeOf(token).WaitForCompletion;
}
