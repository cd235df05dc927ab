using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// Conditional events: a catch event, a boundary event or an event sub-process start that goes on
/// when a condition on the variables becomes true. A waiting one is looked at again once a unit of
/// work has moved every token, when a variable it may depend on changed in it (camunda:variableName
/// narrows that to the variables named). It fires when its condition turns from false to true, so a
/// non-interrupting one fires once per change that makes it true, not on every later change.
/// </summary>
internal sealed partial class Execution
{
    private void WatchCondition(InstanceContext context, string waiterId, FlowNode node, string? group)
    {
        context.Instance.Bookmarks.Add(new Bookmark
        {
            Id = NewBookmarkId(), Kind = BookmarkKind.Conditional, ElementId = node.Id, TokenId = waiterId, Group = group, CreatedAt = Now,
        });
        context.NewConditions = true;
    }

    /// <summary>Whether the event's condition holds; one naming a variable that is not set yet does not hold yet.</summary>
    private bool ConditionHolds(InstanceContext context, string scopeId, FlowNode node)
    {
        try
        {
            return Variables.IsTruthy(Scripts.Evaluate(node.EventCondition!, context.Reader(scopeId)));
        }
        catch (ExpressionException ex) when (ex.NamesSomethingUndefined)
        {
            return false;
        }
    }

    /// <summary>Looks at the waiting conditional events of the instances whose variables changed; true when one fired.</summary>
    private async Task<bool> FireConditionsAsync(CancellationToken cancellationToken)
    {
        var fired = false;
        for (var i = 0; i < _order.Count; i++)
        {
            var context = _order[i];
            if (context.ChangedVariables is null && !context.NewConditions)
            {
                continue;
            }

            var changed = context.ChangedVariables;
            context.ChangedVariables = null;
            context.NewConditions = false;
            if (context.Instance.IsEnded)
            {
                continue;
            }

            foreach (var bookmark in context.Instance.Bookmarks.Where(b => b.Kind == BookmarkKind.Conditional).ToList())
            {
                if (context.Instance.IsEnded || !context.Instance.Bookmarks.Contains(bookmark))
                {
                    continue; // an earlier one in this round ended the instance or withdrew it
                }

                var node = context.Definition.GetNode(bookmark.ElementId);
                if (bookmark.ConditionHeld is not null && (changed is null || node.ConditionVariables.Count > 0 && !node.ConditionVariables.Any(changed.Contains)))
                {
                    continue;
                }

                var holder = HolderOf(context, bookmark);
                try
                {
                    var before = bookmark.ConditionHeld;
                    bookmark.ConditionHeld = ConditionHolds(context, context.FindToken(bookmark.TokenId)?.ScopeId ?? bookmark.TokenId, node);
                    if (bookmark.ConditionHeld == true && before != true)
                    {
                        await FireAsync(context, bookmark, null, cancellationToken);
                        fired = true;
                    }
                }
                catch (Exception ex) when (ex is IncidentException or ExpressionException && holder is not null)
                {
                    RaiseIncident(context, holder!, (ex as IncidentException)?.Code ?? IncidentCodes.ExpressionFailed, ex.Message, ex);
                }
            }
        }

        return fired;
    }

    /// <summary>The token an incident of a conditional event goes on: the waiting token, or for an event sub-process the path that owns or runs in its scope.</summary>
    private static Token? HolderOf(InstanceContext context, Bookmark bookmark)
    {
        if (context.FindToken(bookmark.TokenId) is { } token)
        {
            return token;
        }

        var scope = context.Instance.Scopes.Find(s => s.Id == bookmark.TokenId);
        return scope?.OwnerTokenId is { } owner ? context.FindToken(owner) : context.Instance.Tokens.Find(t => t.ScopeId == bookmark.TokenId);
    }
}
