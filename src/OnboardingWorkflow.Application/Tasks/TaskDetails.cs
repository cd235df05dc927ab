using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Application.LimitChanges;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;
using EngineVariables = OnboardingWorkflow.Engine.State.Variables;

namespace OnboardingWorkflow.Application.Tasks;

/// <summary>
/// The read behind a task's page: the task, the form its contract asks for, the case it decides
/// and the instance's history. The ownership rule of <see cref="CaseAccess"/> applies: a task of a
/// case the reader may not see is "not found", like a task that does not exist. The read is audited.
/// </summary>
public sealed class TaskDetails(WorkflowEngine engine, CaseFile cases, CaseAccess access, CaseQueries queries)
{
    /// <summary>Events of the engine's history a person cares about; steps of gateways and flows are left out.</summary>
    private static readonly HashSet<string> ShownEvents = new(StringComparer.Ordinal)
    {
        HistoryEventTypes.InstanceStarted, HistoryEventTypes.Completed, HistoryEventTypes.TimerFired, HistoryEventTypes.MessageReceived, HistoryEventTypes.Triggered,
        HistoryEventTypes.ErrorThrown, HistoryEventTypes.Incident, HistoryEventTypes.IncidentResolved, HistoryEventTypes.InstanceCompleted,
        HistoryEventTypes.InstanceTerminated, HistoryEventTypes.InstanceFailed, HistoryEventTypes.Cancelled,
    };

    public async Task<TaskView> GetAsync(string taskId, CurrentUser user, CancellationToken cancellationToken = default)
    {
        if (!Policies.Allows(Policies.TaskReaders, user))
        {
            throw AppException.Forbidden($"{user.Name} may not read tasks.");
        }

        var task = await engine.Options.Instances.FindTaskAsync(taskId, cancellationToken) ?? throw AppException.NotFound($"Task {taskId}");
        var (application, change) = await CaseOfAsync(task, user, cancellationToken);
        var instance = await engine.GetInstanceAsync(task.InstanceId, cancellationToken) ?? throw AppException.NotFound($"Task {taskId}");
        var definition = await engine.GetDefinitionAsync(instance.ProcessKey, instance.ProcessVersion, cancellationToken);
        var node = definition.Nodes.GetValueOrDefault(task.ElementId);
        var claim = await cases.Db.Set<TaskClaim>().AsNoTracking().FirstOrDefaultAsync(c => c.TaskId == taskId, cancellationToken);

        var detail = application is null ? null : await queries.DetailAsync(application, cancellationToken);
        var decisions = await DecisionsAsync(application, change, cancellationToken);
        var history = History(await engine.Options.Instances.GetHistoryAsync(instance.Id, cancellationToken), decisions);
        var fields = (node?.UserTask?.Contract?.Fields ?? []).Select(f => Field(f, instance.Variables.GetValueOrDefault(f.Id))).ToList();

        var open = task.Status == UserTaskStatus.Open;
        var mayAct = open && Policies.Allows(Policies.TaskWorkers, user) && TaskActions.IsCandidate(task, user) && (claim is null || user.Is(claim.UserName));
        access.AuditRead(user, "task", "Task", taskId, application?.CustomerId ?? change?.CustomerId);
        await cases.Db.SaveChangesAsync(cancellationToken);

        return new TaskView(
            new TaskHeader(task.Id, task.ElementId, task.Name ?? node?.Name, task.ProcessKey, task.Status.ToString(), task.Assignee, claim?.UserName, claim?.ClaimedAt,
                task.CandidateGroups, task.CandidateUsers, task.DueDate, task.FollowUpDate, task.CreatedAt, task.EndedAt, task.EndedBy),
            instance.Id, task.BusinessKey, fields, detail, detail?.Score is { } score ? ScoreExplanations.Read(score.Explanation) : null,
            change is null ? null : await LimitChangeAsync(change, cancellationToken), history,
            instance.Bookmarks.Select(b => b.ElementId).Distinct(StringComparer.Ordinal).ToList(),
            DateOnly.FromDateTime(cases.Now.UtcDateTime), mayAct, mayAct && claim is null);
    }

    /// <summary>The case of the task, when the reader may see it; otherwise the task is "not found".</summary>
    private async Task<(OnboardingApplication?, LimitChangeRequest?)> CaseOfAsync(TaskRecord task, CurrentUser user, CancellationToken cancellationToken)
    {
        if (task.ProcessKey == LimitChangeProcess.Key && Guid.TryParse(task.BusinessKey, out var changeId))
        {
            var change = await cases.Db.Set<LimitChangeRequest>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == changeId, cancellationToken);
            return change is not null && (!user.SeesOnlyOwnCases || user.Is(change.RequestedBy)) ? (null, change) : throw AppException.NotFound($"Task {task.Id}");
        }

        var application = await cases.Db.Set<OnboardingApplication>().FindAsync([Guid.TryParse(task.BusinessKey, out var id) ? id : Guid.Empty], cancellationToken);
        if (application is null)
        {
            // A task of no case: only staff who see every case may read it.
            return user.SeesOnlyOwnCases ? throw AppException.NotFound($"Task {task.Id}") : (null, null);
        }

        return access.MaySee(user, application) ? (application, null) : throw AppException.NotFound($"Task {task.Id}");
    }

    private async Task<List<CreditDecision>> DecisionsAsync(OnboardingApplication? application, LimitChangeRequest? change, CancellationToken cancellationToken)
    {
        if (application is null && change is null)
        {
            return [];
        }

        var rows = application is not null
            ? cases.Db.Set<CreditDecision>().Where(d => d.ApplicationId == application.Id)
            : cases.Db.Set<CreditDecision>().Where(d => d.LimitChangeId == change!.Id);
        return await rows.AsNoTracking().ToListAsync(cancellationToken);
    }

    private async Task<LimitChangeView> LimitChangeAsync(LimitChangeRequest c, CancellationToken cancellationToken)
    {
        var customer = await cases.CustomerAsync(c.CustomerId, cancellationToken);
        return new LimitChangeView(c.Id, c.CustomerId, customer.Name, customer.RegistrationNumber, c.Kind.ToString(), c.Status.ToString(), c.CurrentLimit,
            c.RequestedLimit, c.RecommendedLimit, c.ApprovedLimit, c.TemporaryUntil, c.Reason, c.RequestedBy, c.Outcome, c.CreatedAt);
    }

    /// <summary>
    /// The history as people read it: the engine's steps that matter, each completed task with the
    /// comment of its archive entry (same element, same person), and archive entries no step explains.
    /// </summary>
    internal static List<TaskHistoryEntry> History(IReadOnlyList<HistoryEvent> events, IReadOnlyList<CreditDecision> decisions)
    {
        var unused = decisions.OrderBy(d => d.DecidedAt).ToList();
        var entries = new List<TaskHistoryEntry>();
        foreach (var e in events.Where(e => ShownEvents.Contains(e.Event)).OrderBy(e => e.Time))
        {
            // Of completed steps only user tasks are a person's doing; gateways and service steps run in the
            // same unit of work and carry its actor, which would read as if that person had done them.
            if (e.Event == HistoryEventTypes.Completed && !string.Equals(e.ElementType, "userTask", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var decision = e.Event == HistoryEventTypes.Completed
                ? unused.Where(d => d.ElementId == e.ElementId && Identities.Same(d.DecidedBy, e.Actor)).MinBy(d => (d.DecidedAt - e.Time).Duration())
                : null;
            if (decision is not null)
            {
                unused.Remove(decision);
            }

            entries.Add(new TaskHistoryEntry(e.Time, e.Event, e.ElementId, e.ElementName, e.Actor, decision?.Outcome.ToString(), decision?.Comment, e.Detail));
        }

        entries.AddRange(unused.Select(d => new TaskHistoryEntry(d.DecidedAt, "decision", d.ElementId, null, d.DecidedBy, d.Outcome.ToString(), d.Comment, null)));
        return entries.OrderBy(e => e.Time).ToList();
    }

    internal static TaskField Field(FormField f, object? current)
    {
        var kind = f.Type switch
        {
            FormFieldType.Long => TaskFieldKind.WholeNumber,
            FormFieldType.Decimal => TaskFieldKind.Number,
            FormFieldType.Boolean => TaskFieldKind.YesNo,
            FormFieldType.Date => TaskFieldKind.Date,
            FormFieldType.Enum => TaskFieldKind.Choice,
            _ => TaskFieldKind.Text,
        };
        decimal? Number(string constraint) =>
            FieldRules.TryParseBound(f.Type, f.ConfigOf(constraint), out var bound) && bound is decimal d ? d : null;
        DateOnly? Day(string constraint) =>
            FieldRules.TryParseBound(f.Type, f.ConfigOf(constraint), out var bound) && bound is DateOnly d ? d : null;
        int? Length(string constraint) => FieldRules.TryParseLength(f.ConfigOf(constraint), out var n) ? n : null;

        return new TaskField(f.Id, string.IsNullOrWhiteSpace(f.Label) ? f.Id : f.Label, kind, f.IsRequired, f.IsReadOnly,
            Number(FieldRules.Min), Number(FieldRules.Max), Day(FieldRules.Min), Day(FieldRules.Max), Length(FieldRules.MinLength), Length(FieldRules.MaxLength),
            f.Values.Select(v => new TaskFieldOption(v.Id, string.IsNullOrWhiteSpace(v.Name) ? v.Id : v.Name)).ToList(), f.DefaultValue,
            EngineVariables.AsText(current));
    }
}
