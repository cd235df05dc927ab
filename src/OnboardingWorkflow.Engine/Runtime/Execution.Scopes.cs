using System.Globalization;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>Behaviours that open scopes: embedded sub-processes, multi-instance bodies and call activities.</summary>
internal sealed partial class Execution
{
    private Task SubProcess(InstanceContext context, Token token, FlowNode node)
    {
        var scope = new Scope { Id = context.Instance.NextId("s"), ParentId = token.ScopeId, Kind = ScopeKind.SubProcess, ElementId = node.Id, OwnerTokenId = token.Id };
        context.Instance.Scopes.Add(scope);
        try
        {
            ListenForEventSubProcesses(context, scope, node.Child!);
        }
        catch
        {
            StopListening(context, scope.Id);
            context.Instance.Scopes.Remove(scope);
            throw;
        }

        token.ChildScopeId = scope.Id;
        token.State = TokenState.Waiting;
        var start = node.Child!.NoneStart!;
        var inner = new Token { Id = context.Instance.NextId("t"), ElementId = start.Id, ScopeId = scope.Id };
        context.Instance.Tokens.Add(inner);
        Schedule(context, inner);
        return Task.CompletedTask;
    }

    private async Task EnterMultiInstanceAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        var spec = node.MultiInstance!;
        var reader = context.Reader(token.ScopeId);
        List<object?>? items = null;
        int count;
        if (spec.Collection is not null)
        {
            items = Scripts.Evaluate(spec.Collection, reader) switch
            {
                List<object?> list => list,
                null => [],
                var other => throw new IncidentException(IncidentCodes.InvalidValue, $"The collection of '{node.Id}' is not a list but {Variables.AsText(other)}."),
            };
            count = items.Count;
        }
        else
        {
            count = Scripts.Evaluate(spec.Cardinality!, reader) switch
            {
                var number when Variables.AsDecimal(number) is { } d && d >= 0 && d <= 10_000 => (int)d,
                string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 10_000 => n,
                var other => throw new IncidentException(IncidentCodes.InvalidValue, $"The loop cardinality of '{node.Id}' is not a number from 0 to 10000: {Variables.AsText(other)}."),
            };
        }

        if (count == 0)
        {
            await LeaveAsync(context, token, node, cancellationToken);
            return;
        }

        var body = new Scope { Id = context.Instance.NextId("s"), ParentId = token.ScopeId, Kind = ScopeKind.MultiInstanceBody, ElementId = node.Id, OwnerTokenId = token.Id };
        body.Variables["nrOfInstances"] = (decimal)count;
        body.Variables["nrOfCompletedInstances"] = 0m;
        body.Variables["nrOfActiveInstances"] = 0m;
        body.PendingItems = items;
        context.Instance.Scopes.Add(body);
        token.ChildScopeId = body.Id;
        token.State = TokenState.Waiting;
        var start = spec.IsSequential ? 1 : count;
        for (var i = 0; i < start; i++)
        {
            StartItem(context, body, node, token);
        }
    }

    private void StartItem(InstanceContext context, Scope body, FlowNode node, Token outer)
    {
        var index = body.NextIndex++;
        var item = new Scope { Id = context.Instance.NextId("s"), ParentId = body.Id, Kind = ScopeKind.MultiInstanceItem, ElementId = node.Id, OwnerTokenId = outer.Id };
        item.Variables["loopCounter"] = (decimal)index;
        if (node.MultiInstance!.ElementVariable is { Length: > 0 } elementVariable)
        {
            item.Variables[elementVariable] = body.PendingItems is { } items ? Variables.Clone(items[index]) : (decimal)index;
        }

        body.Variables["nrOfActiveInstances"] = Counter(body, "nrOfActiveInstances") + 1;
        context.Instance.Scopes.Add(item);
        var token = new Token { Id = context.Instance.NextId("t"), ElementId = node.Id, ScopeId = item.Id, IsMultiInstanceItem = true };
        context.Instance.Tokens.Add(token);
        Schedule(context, token);
    }

    private async Task CompleteMultiInstanceItemAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        var item = context.GetScope(token.ScopeId);
        var body = context.GetScope(item.ParentId!);
        var outer = context.GetToken(body.OwnerTokenId!);
        var completed = Counter(body, "nrOfCompletedInstances") + 1;
        var active = Counter(body, "nrOfActiveInstances") - 1;
        body.Variables["nrOfCompletedInstances"] = completed;
        body.Variables["nrOfActiveInstances"] = active;
        bool done;
        try
        {
            done = node.MultiInstance!.CompletionCondition is { } condition && IsTrue(context, token, condition);
        }
        catch
        {
            body.Variables["nrOfCompletedInstances"] = completed - 1;
            body.Variables["nrOfActiveInstances"] = active + 1;
            throw;
        }

        InstallCompensation(context, token, node);
        RemoveBookmarksOf(context, token, UserTaskStatus.Cancelled);
        Emit(context, HistoryEventTypes.Completed, node, token);
        context.Instance.Tokens.Remove(token);
        context.Instance.Scopes.Remove(item);

        var total = Counter(body, "nrOfInstances");
        done |= completed >= total;
        if (!done)
        {
            if (node.MultiInstance!.IsSequential)
            {
                StartItem(context, body, node, outer);
            }

            return;
        }

        // Done: withdraw the items still running ("2 of 3" leaves the third unasked).
        HandOverCompensations(context, body);
        await CancelScopeAsync(context, body, cancellationToken);
        outer.ChildScopeId = null;
        outer.State = TokenState.Ready;
        await LeaveAsync(context, outer, node, cancellationToken);
    }

    private async Task CallActivityAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        var called = await _engine.FindLatestDefinitionAsync(node.CalledElement!, cancellationToken)
            ?? throw new IncidentException(IncidentCodes.CalledProcessNotFound, $"The called process '{node.CalledElement}' is not deployed.");
        var start = called.Root.NoneStart
            ?? throw new IncidentException(IncidentCodes.CalledProcessNotFound, $"The called process '{called.Key}' has no start event without a trigger.");
        var variables = Map(node.InMappings, context, token.ScopeId);
        token.State = TokenState.Waiting;
        var child = CreateInstance(called, start, variables, context.Instance.BusinessKey, context.Instance.Id, token.Id);
        context.Instance.Bookmarks.Add(new Bookmark
        {
            Id = NewBookmarkId(), Kind = BookmarkKind.CallActivity, ElementId = node.Id, TokenId = token.Id, CreatedAt = Now, ChildInstanceId = child.Instance.Id,
        });
        Emit(context, HistoryEventTypes.Waiting, node, token, $"called instance {child.Instance.Id}");
    }

    /// <summary>A called instance completed: copy its out-mappings back and continue the call activity.</summary>
    private async Task ReturnFromCallAsync(InstanceContext child, Guid parentId, CancellationToken cancellationToken)
    {
        var parent = await LoadAsync(parentId, cancellationToken);
        var token = parent.GetToken(child.Instance.ParentTokenId!);
        var node = parent.NodeOf(token);
        parent.Instance.Bookmarks.RemoveAll(b => b.TokenId == token.Id && b.Kind == BookmarkKind.CallActivity);
        foreach (var (name, value) in Map(node.OutMappings, child, child.Instance.RootScope.Id))
        {
            SetVariable(parent, token.ScopeId, name, value);
        }

        token.State = TokenState.Ready;
        await GuardAsync(parent, token, () => LeaveAsync(parent, token, node, cancellationToken));
    }

    private Dictionary<string, object?> Map(IReadOnlyList<VariableMapping> mappings, InstanceContext source, string scopeId)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var mapping in mappings)
        {
            if (mapping.AllVariables)
            {
                foreach (var (name, value) in source.VisibleVariables(scopeId))
                {
                    result[name] = Variables.Clone(value);
                }

                continue;
            }

            var target = mapping.Target ?? mapping.Source;
            if (target is null)
            {
                continue;
            }

            if (mapping.SourceExpression is not null)
            {
                result[target] = Scripts.Evaluate(mapping.SourceExpression, source.Reader(scopeId));
            }
            else if (mapping.Source is not null && source.TryGetVariable(scopeId, mapping.Source, out var value))
            {
                result[target] = Variables.Clone(value);
            }
        }

        return result;
    }

    /// <summary>A multi-instance counter; the engine wrote it, so anything but a number is a broken state.</summary>
    private static decimal Counter(Scope body, string name) =>
        Variables.AsDecimal(body.Variables[name]) ?? throw new InvalidOperationException($"The multi-instance counter '{name}' is not a number.");
}
