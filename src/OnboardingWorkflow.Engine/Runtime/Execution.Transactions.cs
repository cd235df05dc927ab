using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// Transaction sub-processes run as embedded sub-processes. A cancel end event inside one cancels
/// every other path of the transaction, compensates what completed in it, last first (waiting for
/// handlers that wait), and leaves by the transaction's cancel boundary event, as Camunda 7 does.
/// </summary>
internal sealed partial class Execution
{
    /// <summary>
    /// A cancel end event: every other path of its transaction is cancelled (with tasks, inner
    /// scopes and what its event sub-processes wait for), what completed in the transaction is
    /// compensated, last first, and the transaction is left by its cancel boundary event.
    /// </summary>
    private async Task CancelTransactionAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        var transaction = context.GetScope(token.ScopeId);
        Emit(context, HistoryEventTypes.Completed, node, token);
        Emit(context, HistoryEventTypes.TransactionCancelled, context.Definition.GetNode(transaction.ElementId), context.GetToken(transaction.OwnerTokenId!), node.Id);
        StopListening(context, transaction.Id);
        foreach (var other in context.Instance.Tokens.Where(t => t.ScopeId == transaction.Id && t != token).ToList())
        {
            await InterruptAsync(context, other, cancellationToken);
            context.Instance.Tokens.Remove(other);
            context.Instance.Incidents.RemoveAll(i => i.TokenId == other.Id);
        }

        foreach (var child in context.Instance.Scopes.Where(s => s.ParentId == transaction.Id).ToList())
        {
            await CancelScopeAsync(context, child, cancellationToken);
        }

        token.State = TokenState.Waiting;
        token.Compensating = TakeCompensations(context, transaction.Id, activityRef: null);
        await CompensateNextAsync(context, token, cancellationToken);
    }

    /// <summary>The transaction is undone: it ends, cancelled, and its cancel boundary event's path starts (a multi-instance transaction ends with all its instances).</summary>
    private async Task LeaveTransactionAsync(InstanceContext context, Token runner, CancellationToken cancellationToken)
    {
        var transaction = context.GetScope(runner.ScopeId);
        var owner = context.GetToken(transaction.OwnerTokenId!);
        var host = owner.IsMultiInstanceItem ? context.GetToken(context.GetScope(context.GetScope(owner.ScopeId).ParentId!).OwnerTokenId!) : owner;
        var boundary = context.NodeOf(host).Boundaries.First(b => b.Trigger == EventTrigger.Cancel);
        context.Instance.Tokens.Remove(runner); // its end event completed already; it is not cancelled with the transaction
        await FireBoundaryAsync(context, host, boundary, cancellationToken);
    }
}
