using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Application.Workflow;

/// <summary>An open incident with the case it stops.</summary>
public sealed record IncidentView(Guid InstanceId, string ProcessKey, string? BusinessKey, string IncidentId, string ElementId, string Code,
    string Message, DateTimeOffset CreatedAt);

/// <summary>
/// Incidents: where a handler or expression failed, with its cause, and a retry once the data
/// is fixed. A retry runs the failed element again in a unit of work of its own and is audited.
/// </summary>
public sealed class IncidentService(WorkflowEngine engine, CaseFile cases)
{
    public const int MaxPageSize = 200;

    public async Task<IReadOnlyList<IncidentView>> OpenAsync(string? processKey, int max, CancellationToken cancellationToken)
    {
        var query = cases.Db.Set<WorkflowInstanceEntity>().AsNoTracking().Where(i => i.OpenIncidents > 0);
        if (processKey is not null)
        {
            query = query.Where(i => i.ProcessKey == processKey);
        }

        var ids = await query.OrderBy(i => i.Id).Select(i => i.Id).Take(Math.Clamp(max, 1, MaxPageSize)).ToListAsync(cancellationToken);
        var views = new List<IncidentView>();
        foreach (var id in ids)
        {
            if (await engine.GetInstanceAsync(id, cancellationToken) is { } instance)
            {
                views.AddRange(instance.Incidents.Select(i => View(instance, i)));
            }
        }

        return views.OrderBy(v => v.CreatedAt).ToList();
    }

    public async Task<ProcessInstance> RetryAsync(Guid instanceId, string incidentId, CurrentUser user, CancellationToken cancellationToken)
    {
        var instance = await engine.GetInstanceAsync(instanceId, cancellationToken) ?? throw AppException.NotFound($"Workflow instance {instanceId}");
        var incident = instance.Incidents.Find(i => i.Id == incidentId)
            ?? throw new AppException(AppErrorKind.NotFound, ErrorCodes.IncidentNotFound, $"Instance {instanceId} has no open incident '{incidentId}'.");
        cases.Audit(user.Name, "incident.retried", "WorkflowInstance", instanceId.ToString(), detail: $"{incident.ElementId} {incident.Code}: {incident.Message}");
        return await engine.RetryAsync(instanceId, incidentId, user.Name, cancellationToken);
    }

    public static IncidentView View(ProcessInstance instance, Incident incident) =>
        new(instance.Id, instance.ProcessKey, instance.BusinessKey, incident.Id, incident.ElementId, incident.Code, incident.Message, incident.CreatedAt);
}
