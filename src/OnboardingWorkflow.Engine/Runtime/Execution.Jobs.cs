using System.Globalization;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// Async continuations. camunda:asyncBefore makes a job that starts the element; asyncAfter makes
/// one, once the element completed, that leaves it (selects and takes its outgoing flows). A job is
/// due at once and runs in a unit of work of its own (<see cref="WorkflowEngine.RunDueJobsAsync"/>).
/// A try that fails is rolled back whole; the job then waits per its element's retry cycle
/// (camunda:failedJobRetryTimeCycle, else the engine's default) and, with no tries left, the token
/// gets the incident the failure would have raised.
/// </summary>
internal sealed partial class Execution
{
    /// <summary>Stops the token at <paramref name="node"/> until a job runs it on, before the element or after it.</summary>
    private void AddJob(InstanceContext context, Token token, FlowNode node, bool after, IReadOnlyList<SequenceFlow>? flows)
    {
        token.State = TokenState.Waiting;
        context.Instance.Bookmarks.Add(new Bookmark
        {
            Id = NewBookmarkId(),
            Kind = BookmarkKind.Job,
            ElementId = node.Id,
            TokenId = token.Id,
            CreatedAt = Now,
            DueAt = Now,
            AfterElement = after,
            Flows = flows?.Select(f => f.Id).ToList(),
        });
        Emit(context, HistoryEventTypes.Waiting, node, token, after ? "async continuation after completion" : "async continuation");
    }

    /// <summary>Runs a due job: the element starts, or (after) the token leaves the completed element.</summary>
    private async Task RunJobAsync(InstanceContext context, Bookmark job, Token token, FlowNode node, CancellationToken cancellationToken)
    {
        context.Instance.Bookmarks.Remove(job);
        if (!job.AfterElement)
        {
            token.AsyncPassed = true;
            Schedule(context, token);
            return;
        }

        token.State = TokenState.Ready;
        await GuardAsync(context, token, async () =>
        {
            var flows = ChosenFlows(node, job) ?? SelectOutgoing(context, token, node);
            await TakeAsync(context, token, flows, cancellationToken);
        });
    }

    /// <summary>The flows a gateway chose before its async-after job, as the element has them now; null when the job selects them.</summary>
    private static List<SequenceFlow>? ChosenFlows(FlowNode node, Bookmark job)
    {
        var flows = job.Flows?.Select(id => node.Outgoing.Find(f => f.Id == id)).OfType<SequenceFlow>().ToList();
        return flows is { Count: > 0 } ? flows : null;
    }

    /// <summary>
    /// Records a failed try of a job in this (fresh) unit of work: history <c>jobFailed</c> with the
    /// attempt and the error, one try fewer, and the next try after the retry cycle's interval; with
    /// none left, the job stays without a due time and the token gets the incident.
    /// </summary>
    public void RecordJobFailure(InstanceContext context, Bookmark job, JobFailedException failure, RetryCycle defaultCycle)
    {
        var token = context.GetToken(job.TokenId);
        var node = context.Definition.GetNode(job.ElementId);
        var cycle = node.RetryCycle ?? defaultCycle;
        var attempt = job.FailedAttempts + 1;
        var left = (job.Retries ?? cycle.Tries) - 1;
        var where = failure.InstanceId == context.Instance.Id && failure.ElementId == job.ElementId ? string.Empty
            : failure.InstanceId == context.Instance.Id ? $" at '{failure.ElementId}'" : $" at '{failure.ElementId}' of instance {failure.InstanceId}";
        var error = $"{failure.Code}: {failure.Message}";

        DateTimeOffset? next = null;
        if (left > 0)
        {
            try
            {
                next = cycle.DelayAfter(attempt).AddTo(Now);
            }
            catch (ArgumentOutOfRangeException)
            {
                left = 0; // an interval that runs off the calendar: no next try
            }
        }

        job.FailedAttempts = attempt;
        job.Retries = Math.Max(left, 0);
        job.LastError = where.Length == 0 ? error : $"{error} (failed{where})";
        job.DueAt = next;
        var outcome = next is { } due ? $"next try at {due.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}" : "no tries left";
        Emit(context, HistoryEventTypes.JobFailed, node, token, $"attempt {attempt} of {attempt + job.Retries} failed{where}, {outcome}: {error}");
        if (next is null)
        {
            RaiseIncident(context, token, failure.Code, where.Length == 0 ? failure.Message : $"{failure.Message} (failed{where})", failure.InnerException);
        }
    }

    /// <summary>An administrator's retry of a job whose tries are spent: fresh retries, due now.</summary>
    public void RestartJob(InstanceContext context, Bookmark job, Token token)
    {
        job.Retries = null;
        job.FailedAttempts = 0;
        job.DueAt = Now;
        token.State = TokenState.Waiting;
    }
}
