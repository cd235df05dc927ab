using System.Globalization;
using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>Task behaviours: user, service, send, business-rule, script and receive tasks.</summary>
internal sealed partial class Execution
{
    private Task UserTask(InstanceContext context, Token token, FlowNode node)
    {
        var spec = node.UserTask!;
        var reader = context.Reader(token.ScopeId);
        var info = new UserTaskInfo
        {
            Name = node.Name,
            Assignee = Text(spec.Assignee, reader),
            CandidateUsers = List(spec.CandidateUsers, reader),
            CandidateGroups = List(spec.CandidateGroups, reader),
            DueDate = Date(spec.DueDate, reader, "dueDate"),
            FollowUpDate = Date(spec.FollowUpDate, reader, "followUpDate"),
            Priority = spec.Priority is null ? 50 : Number(spec.Priority, reader, "priority"),
            FormKey = Text(spec.FormKey, reader),
            LoopCounter = token.IsMultiInstanceItem && context.TryGetVariable(token.ScopeId, "loopCounter", out var counter) && Variables.AsDecimal(counter) is { } d ? (int)d : null,
        };
        var bookmark = new Bookmark { Id = NewBookmarkId(), Kind = BookmarkKind.UserTask, ElementId = node.Id, TokenId = token.Id, CreatedAt = Now, Task = info };
        context.Instance.Bookmarks.Add(bookmark);
        token.State = TokenState.Waiting;
        Commit.CreatedTasks.Add(new TaskRecord
        {
            Id = bookmark.Id,
            InstanceId = context.Instance.Id,
            ProcessKey = context.Definition.Key,
            BusinessKey = context.Instance.BusinessKey,
            ElementId = node.Id,
            Name = node.Name,
            Assignee = info.Assignee,
            CandidateUsers = info.CandidateUsers,
            CandidateGroups = info.CandidateGroups,
            DueDate = info.DueDate,
            FollowUpDate = info.FollowUpDate,
            Priority = info.Priority,
            FormKey = info.FormKey,
            CreatedAt = Now,
        });
        Emit(context, HistoryEventTypes.Waiting, node, token, $"task {bookmark.Id}");
        return Task.CompletedTask;
    }

    /// <summary>Completes a waiting user task with output variables its contract already accepted.</summary>
    public async Task CompleteUserTaskAsync(InstanceContext context, Bookmark bookmark, IDictionary<string, object?>? variables, CancellationToken cancellationToken)
    {
        var token = context.GetToken(bookmark.TokenId);
        if (variables is not null)
        {
            foreach (var (name, value) in variables)
            {
                SetVariable(context, token.ScopeId, name, Variables.Normalize(value));
            }
        }

        context.Instance.Bookmarks.Remove(bookmark);
        Commit.EndedTasks.Add((bookmark.Id, UserTaskStatus.Completed, Now, Actor));
        token.State = TokenState.Ready;
        await GuardAsync(context, token, () => LeaveAsync(context, token, context.NodeOf(token), cancellationToken));
    }

    private async Task ServiceTaskAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        if (node.External is not null)
        {
            ExternalTask(context, token, node);
            return;
        }

        if (node.HandlerName is null && node.ServiceExpression is null)
        {
            // A send task that names only a message throws it to whoever waits for it.
            ThrowMessage(context, token, node);
            await LeaveAsync(context, token, node, cancellationToken);
            return;
        }

        object? result;
        var hasResult = true;
        if (node.ServiceExpression is not null)
        {
            result = Scripts.Evaluate(node.ServiceExpression, context.Reader(token.ScopeId));
        }
        else
        {
            var name = node.HandlerName!.Text;
            var handler = _engine.Options.Handlers.Find(name)
                ?? throw new IncidentException(IncidentCodes.HandlerNotFound, $"No handler is registered under the name '{name}'.");
            var handlerContext = new TaskHandlerContext(context.Instance.Id, context.Definition.Key, context.Instance.BusinessKey, node, Actor, Now,
                variable => context.TryGetVariable(token.ScopeId, variable, out var value) ? (true, value) : (false, null),
                (variable, value) => SetProcessVariable(context, token.ScopeId, variable, value));
            try
            {
                await handler.ExecuteAsync(handlerContext, cancellationToken);
            }
            catch (BpmnErrorException ex)
            {
                await ThrowErrorAsync(context, token, ex.ErrorCode, ex.Message, fromEndEvent: false, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not IncidentException)
            {
                throw new IncidentException(IncidentCodes.HandlerFailed, $"The handler '{name}' failed: {ex.GetType().Name}: {ex.Message}", ex);
            }

            result = handlerContext.Result;
            hasResult = handlerContext.HasResult;
        }

        if (hasResult && node.ResultVariable is { Length: > 0 } resultVariable)
        {
            SetProcessVariable(context, token.ScopeId, resultVariable, Variables.Normalize(result));
        }

        await LeaveAsync(context, token, node, cancellationToken);
    }

    private async Task ScriptTaskAsync(InstanceContext context, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        var result = Scripts.RunScript(node.Script!, context.Reader(token.ScopeId), (name, value) => SetProcessVariable(context, token.ScopeId, name, value));
        if (node.ResultVariable is { Length: > 0 } resultVariable)
        {
            SetProcessVariable(context, token.ScopeId, resultVariable, result);
        }

        await LeaveAsync(context, token, node, cancellationToken);
    }

    /// <summary>A receive task waits for its message or, naming none, for a trigger from outside (<see cref="WorkflowEngine.TriggerAsync"/>).</summary>
    private Task ReceiveTask(InstanceContext context, Token token, FlowNode node)
    {
        token.State = TokenState.Waiting;
        if (node.MessageName is null)
        {
            context.Instance.Bookmarks.Add(new Bookmark { Id = NewBookmarkId(), Kind = BookmarkKind.Trigger, ElementId = node.Id, TokenId = token.Id, CreatedAt = Now });
            Emit(context, HistoryEventTypes.Waiting, node, token, "trigger");
            return Task.CompletedTask;
        }

        Subscribe(context, token, node, group: null);
        Emit(context, HistoryEventTypes.Waiting, node, token, "message " + context.Instance.Bookmarks[^1].MessageName);
        return Task.CompletedTask;
    }

    // ---- evaluating task attributes

    private string? Text(Expression? expression, IVariableReader reader) =>
        expression is null ? null : Variables.AsText(Scripts.Evaluate(expression, reader));

    private List<string> List(Expression? expression, IVariableReader reader)
    {
        if (expression is null)
        {
            return [];
        }

        return Scripts.Evaluate(expression, reader) switch
        {
            null => [],
            List<object?> items => items.Select(Variables.AsText).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToList(),
            var value => Variables.AsText(value)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
        };
    }

    private DateTimeOffset? Date(Expression? expression, IVariableReader reader, string what)
    {
        var text = Text(expression, reader);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (IsoDuration.TryParse(text, out var duration))
        {
            return duration.AddTo(Now);
        }

        try
        {
            return TimerSchedule.ParseDate(text);
        }
        catch (FormatException)
        {
            throw new IncidentException(IncidentCodes.InvalidValue, $"The {what} '{text}' is neither an ISO 8601 date nor a duration.");
        }
    }

    private int Number(Expression expression, IVariableReader reader, string what) => Scripts.Evaluate(expression, reader) switch
    {
        var number when Variables.AsDecimal(number) is { } d && d >= int.MinValue && d <= int.MaxValue => (int)d,
        string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        var other => throw new IncidentException(IncidentCodes.InvalidValue, $"The {what} '{other}' is not a number."),
    };
}
