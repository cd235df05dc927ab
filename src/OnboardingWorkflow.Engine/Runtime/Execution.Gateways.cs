using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>Gateway behaviours. Exclusive: first true condition, default last. Parallel: a join
/// waits for one arrival per incoming flow. Inclusive: a join waits only for paths that can still arrive.</summary>
internal sealed partial class Execution
{
    private async Task ExclusiveGatewayAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        foreach (var flow in node.Outgoing)
        {
            if (flow != node.DefaultFlow && (flow.Condition is null || IsTrue(context, token, flow.Condition)))
            {
                await LeaveAsync(context, token, node, cancellationToken, [flow]);
                return;
            }
        }

        if (node.DefaultFlow is null)
        {
            throw new IncidentException(IncidentCodes.NoOutgoingFlow, $"No condition of the gateway '{node.Id}' holds and it has no default flow.");
        }

        await LeaveAsync(context, token, node, cancellationToken, [node.DefaultFlow]);
    }

    private async Task ParallelGatewayAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        if (node.Incoming.Count > 1)
        {
            token.State = TokenState.Joined;
            var arrived = ArrivalsAt(context, node, token.ScopeId);
            if (node.Incoming.Any(flow => !arrived.ContainsKey(flow.Id)))
            {
                return;
            }

            // One arrival per incoming flow merges into the token that continues.
            foreach (var flow in node.Incoming)
            {
                var other = arrived[flow.Id];
                if (other != token)
                {
                    context.Instance.Tokens.Remove(other);
                }
            }

            token.State = TokenState.Ready;
        }

        await LeaveAsync(context, token, node, cancellationToken, node.Outgoing);
    }

    /// <summary>The first joined token per incoming flow at a gateway in a scope.</summary>
    private static Dictionary<string, Token> ArrivalsAt(InstanceContext context, FlowNode gateway, string scopeId)
    {
        var arrived = new Dictionary<string, Token>(StringComparer.Ordinal);
        foreach (var other in context.Instance.Tokens)
        {
            if (other.ElementId == gateway.Id && other.ScopeId == scopeId && other.State == TokenState.Joined && other.ArrivedVia is not null)
            {
                arrived.TryAdd(other.ArrivedVia, other);
            }
        }

        return arrived;
    }

    private async Task InclusiveGatewayAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        if (node.Incoming.Count > 1)
        {
            token.State = TokenState.Joined;
            if (!InclusiveJoinCanFire(context, node, token.ScopeId))
            {
                return;
            }

            MergeAt(context, node, token);
        }

        await LeaveAsync(context, token, node, cancellationToken);
    }

    /// <summary>True when no other token of the scope can still reach the join.</summary>
    private static bool InclusiveJoinCanFire(InstanceContext context, FlowNode join, string scopeId)
    {
        foreach (var other in context.Instance.Tokens)
        {
            if (other.ScopeId != scopeId || other.ElementId == join.Id && other.State == TokenState.Joined || OnlyCompensates(context, other))
            {
                continue;
            }

            if (other.ElementId == join.Id || join.Scope.CanReach(context.NodeOf(other), join))
            {
                return false;
            }
        }

        return true;
    }

    private static void MergeAt(InstanceContext context, FlowNode join, Token survivor)
    {
        context.Instance.Tokens.RemoveAll(t => t != survivor && t.ElementId == join.Id && t.ScopeId == survivor.ScopeId && t.State == TokenState.Joined);
        survivor.State = TokenState.Ready;
    }

    /// <summary>
    /// After the agenda drains, a waiting inclusive join may fire because the branches it waited
    /// for ended or went elsewhere. Returns true when one fired.
    /// </summary>
    private async Task<bool> FireInclusiveJoinsAsync(CancellationToken cancellationToken)
    {
        foreach (var context in _order)
        {
            if (context.Instance.IsEnded)
            {
                continue;
            }

            foreach (var token in context.Instance.Tokens)
            {
                if (token.State != TokenState.Joined)
                {
                    continue;
                }

                var node = context.NodeOf(token);
                if (node.Kind == ElementKind.InclusiveGateway && InclusiveJoinCanFire(context, node, token.ScopeId))
                {
                    MergeAt(context, node, token);
                    await GuardAsync(context, token, () => LeaveAsync(context, token, node, cancellationToken));
                    return true;
                }
            }
        }

        return false;
    }

    private Task EventBasedGateway(InstanceContext context, Token token, FlowNode node)
    {
        foreach (var flow in node.Outgoing)
        {
            var target = flow.Target;
            if (target.Trigger == EventTrigger.Timer)
            {
                ArmTimer(context, token, target, group: token.Id);
            }
            else if (target.Trigger == EventTrigger.Conditional)
            {
                WatchCondition(context, token.Id, target, group: token.Id);
            }
            else
            {
                Subscribe(context, token, target, group: token.Id);
            }
        }

        token.State = TokenState.Waiting;
        Emit(context, HistoryEventTypes.Waiting, node, token);
        return Task.CompletedTask;
    }
}
