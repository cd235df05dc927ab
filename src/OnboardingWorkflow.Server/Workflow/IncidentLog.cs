using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Server.Workflow;

/// <summary>
/// Logs every incident the engine raises (a handler's exception with its type and stack, so an
/// operator can fix the data and retry), and every thrown message or signal whose delivery failed
/// and waits for its next try.
/// </summary>
public sealed class IncidentLog(ILogger<IncidentLog> logger)
{
    public void Write(IncidentReport incident) =>
        logger.LogError(incident.Cause, "Incident {Code} at {ElementId} of {ProcessKey} instance {InstanceId} (case {BusinessKey}): {Message}",
            incident.Code, incident.ElementId, incident.ProcessKey, incident.InstanceId, incident.BusinessKey, incident.Message);

    public void Write(DispatchFailure failure) =>
        logger.LogWarning(failure.Error, "{Kind} '{Name}' thrown by instance {InstanceId} could not be delivered (try {Attempts}); it is kept and tried again at {RetryAt:O}",
            failure.Dispatch.Kind, failure.Dispatch.Name, failure.Dispatch.SourceInstanceId, failure.Attempts, failure.RetryAt);
}
