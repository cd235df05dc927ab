using System.Globalization;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// External tasks (camunda:type="external"): the token waits on a bookmark of kind
/// <see cref="BookmarkKind.External"/> until a worker completes the task, reports a failure or
/// throws a BPMN error. Fetching and locking happen in the store only (<see cref="WorkflowEngine.FetchAndLockAsync"/>);
/// what the worker then reports is a unit of work here.
/// </summary>
internal sealed partial class Execution
{
    private void ExternalTask(InstanceContext context, Token token, FlowNode node)
    {
        var spec = node.External!;
        long priority = 0;
        if (spec.Priority is not null)
        {
            priority = Scripts.Evaluate(spec.Priority, context.Reader(token.ScopeId)) switch
            {
                var number when Variables.AsDecimal(number) is { } d && d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue => (long)d,
                string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
                var other => throw new IncidentException(IncidentCodes.InvalidValue, $"The camunda:taskPriority '{other}' is not a whole number."),
            };
        }

        var bookmark = new Bookmark
        {
            Id = NewBookmarkId(), Kind = BookmarkKind.External, ElementId = node.Id, TokenId = token.Id, CreatedAt = Now,
            Topic = spec.Topic, Priority = priority,
        };
        context.Instance.Bookmarks.Add(bookmark);
        token.State = TokenState.Waiting;
        Emit(context, HistoryEventTypes.Waiting, node, token, $"external task {bookmark.Id} on topic {spec.Topic}");
    }

    /// <summary>A worker completed the external task with variables its contract already accepted: the token goes on.</summary>
    public async Task CompleteExternalTaskAsync(InstanceContext context, Bookmark bookmark, IDictionary<string, object?> variables, CancellationToken cancellationToken)
    {
        var token = context.GetToken(bookmark.TokenId);
        foreach (var (name, value) in variables)
        {
            SetVariable(context, token.ScopeId, name, value);
        }

        context.Instance.Bookmarks.Remove(bookmark);
        token.State = TokenState.Ready;
        await GuardAsync(context, token, () => LeaveAsync(context, token, context.NodeOf(token), cancellationToken));
    }

    /// <summary>
    /// A worker's failure report: the retries it leaves and its error are kept on the bookmark
    /// (history <c>externalTaskFailed</c>); with none left, the token gets an incident and the task
    /// is not fetched until an administrator retries the incident.
    /// </summary>
    public void RecordExternalTaskFailure(InstanceContext context, Bookmark bookmark, string workerId, string errorMessage, string? errorDetails, int retries)
    {
        var token = context.GetToken(bookmark.TokenId);
        var node = context.Definition.GetNode(bookmark.ElementId);
        bookmark.FailedAttempts++;
        bookmark.Retries = retries;
        bookmark.LastError = errorMessage;
        bookmark.ErrorDetails = errorDetails;
        Emit(context, HistoryEventTypes.ExternalTaskFailed, node, token,
            $"worker {workerId} reported failure {bookmark.FailedAttempts}, {(retries == 0 ? "no retries left" : $"{retries} retries left")}: {errorMessage}");
        if (retries == 0)
        {
            RaiseIncident(context, token, IncidentCodes.ExternalTaskFailed, $"The worker {workerId} failed the external task on topic {bookmark.Topic}: {errorMessage}");
        }
    }

    /// <summary>
    /// A worker threw a BPMN error from the external task: its variables (accepted by the contract)
    /// are set, the task ends, and the error is thrown from the activity as a handler's would be
    /// (an error boundary event catches it; uncaught, the token gets an <c>UnhandledError</c> incident).
    /// </summary>
    public async Task ThrowExternalTaskErrorAsync(InstanceContext context, Bookmark bookmark, string errorCode, string? errorMessage,
        IDictionary<string, object?> variables, CancellationToken cancellationToken)
    {
        var token = context.GetToken(bookmark.TokenId);
        foreach (var (name, value) in variables)
        {
            SetVariable(context, token.ScopeId, name, value);
        }

        context.Instance.Bookmarks.Remove(bookmark);
        token.State = TokenState.Ready;
        await GuardAsync(context, token, () => ThrowErrorAsync(context, token, errorCode, errorMessage, fromEndEvent: false, cancellationToken));
    }

    /// <summary>An administrator's retry of an external task whose worker left it no retries: fetchable again, with retries not set.</summary>
    public void RestartExternalTask(InstanceContext context, Bookmark bookmark, Token token)
    {
        bookmark.Retries = null;
        token.State = TokenState.Waiting;
        Commit.BookmarkLocks.Add((bookmark.Id, null, null));
    }
}
