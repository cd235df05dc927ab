using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Application.Workflow;

/// <summary>
/// Reads for operating the workflows: deployed versions, per-element counts of a version (waiting
/// tokens and open incidents, grouped in SQL), a paged instance list and one instance in full.
/// Nothing here loads every instance: lists page in SQL and counts are GROUP BY queries.
/// </summary>
public sealed class InstanceQueries(OnboardingDbContext db, WorkflowEngine engine, CaseAccess access, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    private static readonly string[] Statuses = Enum.GetNames<InstanceStatus>();

    /// <summary>Every deployed version of every process, newest version first within a key.</summary>
    public async Task<IReadOnlyList<DefinitionVersionView>> DefinitionsAsync(CancellationToken cancellationToken) =>
        await db.Set<WorkflowDefinitionEntity>().AsNoTracking()
            .OrderBy(d => d.Key).ThenByDescending(d => d.Version)
            .Select(d => new DefinitionVersionView(d.Key, d.Name, d.Version, d.DeployedAt, d.ResourceName))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Waiting tokens and open incidents per element of one version. Waiting tokens are the
    /// bookmark rows (user tasks, timers, messages, called instances) of the version's instances,
    /// counted with GROUP BY ElementId. Incidents have no table of their own: they live in the
    /// instance's state JSON, and the instance row carries only their number (OpenIncidents, kept
    /// with every commit). So the incident query reads only the rows with OpenIncidents &gt; 0 and
    /// unnests their incidents array with the database's own JSON functions, grouped in SQL; the
    /// instances without incidents (nearly all) are never touched. A dedicated incidents table
    /// would be cheaper still, but it would be a schema change.
    /// </summary>
    public async Task<VersionStatistics> StatisticsAsync(string key, int version, CancellationToken cancellationToken)
    {
        var definition = await engine.Options.Definitions.FindAsync(key, version, cancellationToken) ?? throw AppException.NotFound($"Workflow {key} version {version}");
        var process = await engine.GetDefinitionAsync(definition.Key, definition.Version, cancellationToken);

        var instances = db.Set<WorkflowInstanceEntity>().AsNoTracking().Where(i => i.ProcessKey == key && i.ProcessVersion == version);
        var waiting = await (from b in db.Set<WorkflowBookmarkEntity>().AsNoTracking()
                             join i in instances on b.InstanceId equals i.Id
                             group b by b.ElementId into g
                             select new { ElementId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var incidents = await IncidentsPerElementAsync(key, version, cancellationToken);
        var ended = new[] { nameof(InstanceStatus.Completed), nameof(InstanceStatus.Terminated), nameof(InstanceStatus.Failed) };
        var running = await instances.CountAsync(i => !ended.Contains(i.Status), cancellationToken);

        var elements = waiting.Select(w => w.ElementId).Union(incidents.Select(i => i.ElementId), StringComparer.Ordinal)
            .Select(id => new ElementStatistic(id, NameOf(process, id),
                waiting.Where(w => w.ElementId == id).Sum(w => w.Count),
                incidents.Where(i => i.ElementId == id).Sum(i => i.Count)))
            .OrderByDescending(e => e.OpenIncidents).ThenByDescending(e => e.WaitingTokens).ThenBy(e => e.ElementId, StringComparer.Ordinal)
            .ToList();
        return new VersionStatistics(key, version, running, elements);
    }

    /// <summary>The instance list, filtered and paged in SQL, newest first.</summary>
    public async Task<Page<InstanceSummary>> InstancesAsync(InstanceListQuery query, CancellationToken cancellationToken)
    {
        var rules = new InputRules();
        var processKey = rules.Text("processKey", query.ProcessKey, 200);
        var businessKey = rules.Text("businessKey", query.BusinessKey, 200);
        if (query.Status is { } status && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            rules.Add("status", $"must be one of {string.Join(", ", Statuses)}");
        }

        rules.Paging(query.Page, query.PageSize, MaxPageSize);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        rules.DateWithin("startedFrom", query.StartedFrom, today.AddYears(-50), today.AddYears(1), "the start of the period");
        rules.DateWithin("startedTo", query.StartedTo, today.AddYears(-50), today.AddYears(1), "the end of the period");
        if (query.StartedFrom > query.StartedTo)
        {
            rules.Add("startedTo", "must not be before the start of the period");
        }

        rules.ThrowIfAny();

        var rows = db.Set<WorkflowInstanceEntity>().AsNoTracking();
        if (processKey is not null)
        {
            rows = rows.Where(i => i.ProcessKey == processKey);
        }

        if (query.Status is { } wanted)
        {
            rows = rows.Where(i => i.Status == wanted);
        }

        if (businessKey is not null)
        {
            rows = rows.Where(i => i.BusinessKey == businessKey);
        }

        if (query.StartedFrom is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(i => i.StartedAt >= start);
        }

        if (query.StartedTo is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(i => i.StartedAt < end);
        }

        if (query.HasIncident is { } hasIncident)
        {
            rows = hasIncident ? rows.Where(i => i.OpenIncidents > 0) : rows.Where(i => i.OpenIncidents == 0);
        }

        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderByDescending(i => i.StartedAt).ThenBy(i => i.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(i => new InstanceSummary(i.Id, i.ProcessKey, i.ProcessVersion, i.BusinessKey, i.Status, i.StartedAt, i.EndedAt, i.OpenIncidents))
            .ToListAsync(cancellationToken);
        return new Page<InstanceSummary>(items, total, query.Page, query.PageSize);
    }

    /// <summary>
    /// One instance with its activity tree, waiting elements, incidents, variables and history.
    /// Its variables are case data: the ownership rule applies and the read is audited, as the
    /// API's instance read does.
    /// </summary>
    public async Task<InstanceDetail> InstanceAsync(Guid id, CurrentUser user, CancellationToken cancellationToken)
    {
        var instance = await engine.GetInstanceAsync(id, cancellationToken) ?? throw AppException.NotFound($"Workflow instance {id}");
        var application = await access.ApplicationOfBusinessKeyAsync(user, instance.BusinessKey, cancellationToken);
        if (application is null && user.SeesOnlyOwnCases)
        {
            throw AppException.NotFound($"Workflow instance {id}");
        }

        access.AuditRead(user, "instance", "WorkflowInstance", id.ToString(), application?.CustomerId);
        await db.SaveChangesAsync(cancellationToken);
        var process = await engine.GetDefinitionAsync(instance.ProcessKey, instance.ProcessVersion, cancellationToken);
        var history = await engine.Options.Instances.GetHistoryAsync(id, cancellationToken);
        return new InstanceDetail(instance.Id, instance.ProcessKey, instance.ProcessVersion, instance.BusinessKey, application?.Id, instance.Status.ToString(),
            instance.StartedAt, instance.EndedAt, instance.StartedBy, Tree(instance, process, instance.RootScope),
            instance.Bookmarks.Select(b => new WaitingView(b.Id, b.Kind.ToString(), b.ElementId, b.DueAt, b.MessageName, b.Task?.Assignee)).ToList(),
            instance.Incidents.Select(i => IncidentService.View(instance, i)).ToList(),
            instance.Variables, history);
    }

    private static ScopeView Tree(ProcessInstance instance, ProcessDefinition process, Scope scope) =>
        new(scope.Id, scope.Kind.ToString(), scope.ElementId, NameOf(process, scope.ElementId),
            instance.Tokens.Where(t => t.ScopeId == scope.Id).Select(t => new TokenView(t.Id, t.ElementId, NameOf(process, t.ElementId), t.State.ToString())).ToList(),
            instance.Scopes.Where(s => s.ParentId == scope.Id).Select(s => Tree(instance, process, s)).ToList());

    private static string? NameOf(ProcessDefinition process, string elementId) =>
        process.Nodes.TryGetValue(elementId, out var node) ? node.Name : elementId == process.Key ? process.Name : null;

    /// <summary>A row of the incident GROUP BY.</summary>
    private sealed class ElementCount
    {
        public string ElementId { get; set; } = "";

        public int Count { get; set; }
    }

    private async Task<List<ElementCount>> IncidentsPerElementAsync(string key, int version, CancellationToken cancellationToken)
    {
        // The JSON property names are the engine's camelCase ones (InstanceJson): incidents[].elementId.
        FormattableString sql = db switch
        {
            SqliteOnboardingDbContext => $"""
                SELECT json_extract(j.value, '$.elementId') AS "ElementId", COUNT(*) AS "Count"
                FROM "WorkflowInstances" AS i, json_each(i."StateJson", '$.incidents') AS j
                WHERE i."ProcessKey" = {key} AND i."ProcessVersion" = {version} AND i."OpenIncidents" > 0
                GROUP BY json_extract(j.value, '$.elementId')
                """,
            PostgreSqlOnboardingDbContext => $"""
                SELECT j.value ->> 'elementId' AS "ElementId", CAST(COUNT(*) AS integer) AS "Count"
                FROM "WorkflowInstances" AS i CROSS JOIN LATERAL jsonb_array_elements(CAST(i."StateJson" AS jsonb) -> 'incidents') AS j(value)
                WHERE i."ProcessKey" = {key} AND i."ProcessVersion" = {version} AND i."OpenIncidents" > 0
                GROUP BY j.value ->> 'elementId'
                """,
            SqlServerOnboardingDbContext => $"""
                SELECT j.ElementId AS ElementId, COUNT(*) AS [Count]
                FROM WorkflowInstances AS i CROSS APPLY OPENJSON(i.StateJson, '$.incidents') WITH (ElementId nvarchar(200) '$.elementId') AS j
                WHERE i.ProcessKey = {key} AND i.ProcessVersion = {version} AND i.OpenIncidents > 0
                GROUP BY j.ElementId
                """,
            _ => throw new NotSupportedException($"No incident statistics for {db.GetType().Name}."),
        };
        return await db.Database.SqlQuery<ElementCount>(sql).ToListAsync(cancellationToken);
    }
}
