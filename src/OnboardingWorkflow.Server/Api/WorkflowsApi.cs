using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Workflow;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>Workflow definitions (list, deploy, XML of a version) and instances with their history.</summary>
public static class WorkflowsApi
{
    public const int MaxBpmnBytes = 2 * 1024 * 1024;

    public sealed record WorkflowInfo(string Key, string? Name, int LatestVersion, DateTimeOffset DeployedAt, string? ResourceName);

    public sealed record DeployResponse(IReadOnlyList<DeployedProcess> Processes, IReadOnlyList<string> Warnings);

    public sealed record WaitingInfo(string BookmarkId, string Kind, string ElementId, DateTimeOffset? DueAt, string? MessageName, string? Assignee);

    public sealed record IncidentInfo(string Id, string ElementId, string Code, string Message, DateTimeOffset CreatedAt);

    public sealed record InstanceResponse(Guid Id, string ProcessKey, int ProcessVersion, string? BusinessKey, string Status, DateTimeOffset StartedAt,
        DateTimeOffset? EndedAt, string? StartedBy, IReadOnlyList<WaitingInfo> Waiting, IReadOnlyList<IncidentInfo> Incidents,
        IReadOnlyDictionary<string, object?> Variables, IReadOnlyList<HistoryEvent> History);

    public static RouteGroupBuilder MapWorkflowsApi(this RouteGroupBuilder api)
    {
        var workflows = api.MapGroup("/workflows").WithTags("Workflows");
        workflows.MapGet("/", ListAsync).RequireAuthorization(Policies.WorkflowReaders).WithSummary("The latest version of each deployed process (Admin, Auditor).");
        workflows.MapPost("/", DeployAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("Deploys BPMN XML (body, application/xml); changed XML makes a new version. Validation errors come back as problem code bpmn_invalid with the diagnostics (Admin).");
        workflows.MapGet("/{key}/versions", ProcessVersionsAsync).RequireAuthorization(Policies.WorkflowReaders)
            .WithSummary("Every version of one process, newest first: who deployed it and why, its source, and its running, incident and ended counts (Admin, Auditor, CreditManager).");
        workflows.MapGet("/{key}/diff", DiffAsync).RequireAuthorization(Policies.WorkflowReaders)
            .WithSummary("What changed between two versions (from, to): elements removed, changed (with each attribute before and after) and added; the diagram layout does not count (Admin, Auditor, CreditManager).");
        workflows.MapGet("/{key}/versions/{version:int}/xml", XmlAsync).RequireAuthorization(Policies.WorkflowReaders)
            .WithSummary("The BPMN XML of one deployed version (Admin, Auditor).");
        api.MapGet("/workflow-instances/{id:guid}", InstanceAsync).WithTags("Workflows").RequireAuthorization(Policies.InstanceReaders)
            .WithSummary("State, waiting elements, incidents, variables and history of an instance.");
        api.MapGet("/workflow-instances/{id:guid}/diagram", DiagramAsync).WithTags("Workflows").RequireAuthorization(Policies.InstanceReaders)
            .WithSummary("The BPMN XML of the process version an instance runs, for its diagram; the case's ownership rule applies.");
        api.MapGet("/incidents", IncidentsAsync).WithTags("Workflows").RequireAuthorization(Policies.IncidentReaders)
            .WithSummary("Open incidents (a handler or expression that failed) with their cause; processKey filters, max bounds the instances read (Admin, CreditManager, Auditor).");
        api.MapPost("/workflow-instances/{id:guid}/incidents/{incidentId}/retry", RetryAsync).WithTags("Workflows").RequireAuthorization(Policies.Admin)
            .WithSummary("Runs the failed element again once its data is fixed; the retry is audited (Admin).");
        workflows.MapGet("/versions", VersionsAsync).RequireAuthorization(Policies.IncidentReaders)
            .WithSummary("Every deployed version of every process, without the XML (Admin, CreditManager, Auditor).");
        workflows.MapGet("/{key}/versions/{version:int}/statistics", StatisticsAsync).RequireAuthorization(Policies.IncidentReaders)
            .WithSummary("Waiting tokens and open incidents per element of one version, counted in SQL (Admin, CreditManager, Auditor).");
        api.MapGet("/workflow-instances", InstancesAsync).WithTags("Workflows").RequireAuthorization(Policies.IncidentReaders)
            .WithSummary("Instances, newest first, paged; filters: processKey, status, businessKey, startedFrom, startedTo, hasIncident (Admin, CreditManager, Auditor).");
        api.MapPost("/signals", SignalAsync).WithTags("Workflows").RequireAuthorization(Policies.Admin)
            .WithSummary("Broadcasts a signal by name ({\"name\":\"...\"}): every instance waiting for it goes on and every process with a signal start of that name starts; carries no variables; audited (Admin).");
        api.MapPost("/workflow-instances/{id:guid}/trigger", TriggerAsync).WithTags("Workflows").RequireAuthorization(Policies.Admin)
            .WithSummary("Triggers a receive task that names no message ({\"elementId\":\"...\"}): the instance goes on past it; carries no variables; invalid_state when the instance does not wait there; audited (Admin).");
        api.MapPost("/workflow-instances/{id:guid}/cancel", CancelAsync).WithTags("Workflows").RequireAuthorization(Policies.InstanceAdmins)
            .WithSummary("Cancels a running instance with a reason: its tasks end, an application in progress is withdrawn; history, archive and audit record the reason (Admin, CreditManager).");
        return api;
    }

    /// <summary>The body of a signal broadcast.</summary>
    public sealed record SignalRequest(string? Name);

    public static async Task<Ok<SignalOutcome>> SignalAsync(SignalRequest? body, ClaimsPrincipal principal, SignalBroadcast signals, CancellationToken cancellationToken) =>
        TypedResults.Ok(await signals.BroadcastAsync(ApiUser.Of(principal), body?.Name, cancellationToken));

    /// <summary>The body of a trigger: the receive task to go past.</summary>
    public sealed record TriggerRequest(string? ElementId);

    public static async Task<Ok<TriggerOutcome>> TriggerAsync(Guid id, TriggerRequest? body, ClaimsPrincipal principal, ReceiveTrigger triggers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await triggers.TriggerAsync(ApiUser.Of(principal), id, body?.ElementId, cancellationToken));

    /// <summary>The body of a cancellation.</summary>
    public sealed record CancelRequest(string? Reason);

    public static async Task<Ok<IReadOnlyList<DefinitionVersionView>>> VersionsAsync(InstanceQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.DefinitionsAsync(cancellationToken));

    public static async Task<Ok<IReadOnlyList<ProcessVersionSummary>>> ProcessVersionsAsync(string key, ClaimsPrincipal principal, WorkflowVersions versions,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await versions.ListAsync(ApiUser.Of(principal), key, cancellationToken));

    public static async Task<Ok<ProcessDiff>> DiffAsync(string key, int? from, int? to, ClaimsPrincipal principal, WorkflowVersions versions,
        CancellationToken cancellationToken)
    {
        var rules = new InputRules();
        if (from is null)
        {
            rules.Add("from", "is required: the version to compare from");
        }

        if (to is null)
        {
            rules.Add("to", "is required: the version to compare to");
        }

        rules.ThrowIfAny();
        return TypedResults.Ok(await versions.DiffAsync(ApiUser.Of(principal), key, from!.Value, to!.Value, cancellationToken));
    }

    public static async Task<Ok<VersionStatistics>> StatisticsAsync(string key, int version, InstanceQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.StatisticsAsync(key, version, cancellationToken));

    public static async Task<Ok<Page<InstanceSummary>>> InstancesAsync(InstanceQueries queries, string? processKey, string? status, string? businessKey,
        DateOnly? startedFrom, DateOnly? startedTo, bool? hasIncident, int? page, int? pageSize, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.InstancesAsync(new InstanceListQuery
        {
            ProcessKey = processKey, Status = status, BusinessKey = businessKey, StartedFrom = startedFrom, StartedTo = startedTo,
            HasIncident = hasIncident, Page = page ?? 1, PageSize = pageSize ?? 25,
        }, cancellationToken));

    public static async Task<Ok<InstanceSummary>> CancelAsync(Guid id, CancelRequest? body, ClaimsPrincipal principal, InstanceAdministration administration,
        CancellationToken cancellationToken)
    {
        var instance = await administration.CancelInstanceAsync(id, body?.Reason, ApiUser.Of(principal), cancellationToken);
        return TypedResults.Ok(new InstanceSummary(instance.Id, instance.ProcessKey, instance.ProcessVersion, instance.BusinessKey, instance.Status.ToString(),
            instance.StartedAt, instance.EndedAt, instance.Incidents.Count));
    }

    public static async Task<Ok<IReadOnlyList<IncidentView>>> IncidentsAsync(IncidentService incidents, string? processKey, int? max, CancellationToken cancellationToken) =>
        TypedResults.Ok(await incidents.OpenAsync(processKey, max ?? 50, cancellationToken));

    public static async Task<Ok<IReadOnlyList<IncidentView>>> RetryAsync(Guid id, string incidentId, ClaimsPrincipal principal, IncidentService incidents,
        CancellationToken cancellationToken)
    {
        var instance = await incidents.RetryAsync(id, incidentId, ApiUser.Of(principal), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<IncidentView>>(instance.Incidents.Select(i => IncidentService.View(instance, i)).ToList());
    }

    public static async Task<Ok<List<WorkflowInfo>>> ListAsync(WorkflowEngine engine, CancellationToken cancellationToken)
    {
        var latest = await engine.Options.Definitions.ListLatestAsync(cancellationToken);
        return TypedResults.Ok(latest.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new WorkflowInfo(d.Key, d.Name, d.Version, d.DeployedAt, d.ResourceName)).ToList());
    }

    public static async Task<Results<Created<DeployResponse>, Ok<DeployResponse>, ProblemHttpResult>> DeployAsync(HttpRequest request, ClaimsPrincipal principal,
        WorkflowEngine engine, CaseFile cases, CancellationToken cancellationToken)
    {
        if (RequestBodies.MediaType(request) is not ("application/xml" or "text/xml" or "application/bpmn+xml"))
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "Send the BPMN as application/xml.");
        }

        var body = await RequestBodies.ReadAsync(request, MaxBpmnBytes, "A BPMN file", cancellationToken);
        if (body.Length == 0)
        {
            return Problems.Invalid("The body is empty: send the BPMN XML.");
        }

        var xml = Encoding.UTF8.GetString(body);
        var result = await engine.DeployAsync(xml, request.Headers["X-File-Name"].FirstOrDefault() ?? "api.bpmn", cancellationToken);
        var user = ApiUser.Of(principal);
        foreach (var process in result.Processes.Where(p => p.IsNewVersion))
        {
            cases.Audit(user.Name, "workflow.deployed", "Workflow", $"{process.Key}:{process.Version}");
        }

        await cases.Db.SaveChangesAsync(cancellationToken);
        var response = new DeployResponse(result.Processes, result.Warnings.Select(w => w.Format("upload.bpmn")).ToList());
        return result.Processes.Any(p => p.IsNewVersion) ? TypedResults.Created("/api/workflows", response) : TypedResults.Ok(response);
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> XmlAsync(string key, int version, WorkflowEngine engine, CancellationToken cancellationToken)
    {
        var definition = await engine.Options.Definitions.FindAsync(key, version, cancellationToken);
        return definition is null ? Problems.NotFound($"Workflow {key} version {version}") : TypedResults.Content(definition.Xml, "application/xml", Encoding.UTF8);
    }

    /// <summary>Private: whether the user may see the diagram depends on the case behind the instance.</summary>
    public static async Task<ContentHttpResult> DiagramAsync(Guid id, ClaimsPrincipal principal, InstanceDiagrams diagrams, HttpResponse response,
        CancellationToken cancellationToken)
    {
        var xml = await diagrams.XmlAsync(ApiUser.Of(principal), id, cancellationToken);
        response.Headers.CacheControl = "private";
        return TypedResults.Content(xml, "application/xml", Encoding.UTF8);
    }

    /// <summary>An instance with its variables is case data: the ownership rule applies and the read is audited.</summary>
    public static async Task<Results<Ok<InstanceResponse>, ProblemHttpResult>> InstanceAsync(Guid id, ClaimsPrincipal principal, WorkflowEngine engine,
        CaseAccess access, OnboardingWorkflow.Data.OnboardingDbContext db, CancellationToken cancellationToken)
    {
        var user = ApiUser.Of(principal);
        var instance = await engine.GetInstanceAsync(id, cancellationToken);
        if (instance is null)
        {
            return Problems.NotFound($"Workflow instance {id}");
        }

        var application = await access.ApplicationOfInstanceAsync(user, id, instance.BusinessKey, cancellationToken);
        access.AuditRead(user, "instance", "WorkflowInstance", id.ToString(), application?.CustomerId);
        await db.SaveChangesAsync(cancellationToken);
        var history = await engine.Options.Instances.GetHistoryAsync(id, cancellationToken);
        return TypedResults.Ok(new InstanceResponse(instance.Id, instance.ProcessKey, instance.ProcessVersion, instance.BusinessKey, instance.Status.ToString(),
            instance.StartedAt, instance.EndedAt, instance.StartedBy,
            instance.Bookmarks.Select(b => new WaitingInfo(b.Id, b.Kind.ToString(), b.ElementId, b.DueAt, b.MessageName, b.Task?.Assignee)).ToList(),
            instance.Incidents.Select(i => new IncidentInfo(i.Id, i.ElementId, i.Code, i.Message, i.CreatedAt)).ToList(),
            instance.Variables, history));
    }
}
