using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Server.Workflow;

/// <summary>Logs every incident the engine raises; a handler's exception with its type and stack, so an operator can fix the data and retry.</summary>
public sealed class IncidentLog(ILogger<IncidentLog> logger)
{
    public void Write(IncidentReport incident) =>
        logger.LogError(incident.Cause, "Incident {Code} at {ElementId} of {ProcessKey} instance {InstanceId} (case {BusinessKey}): {Message}",
            incident.Code, incident.ElementId, incident.ProcessKey, incident.InstanceId, incident.BusinessKey, incident.Message);
}
