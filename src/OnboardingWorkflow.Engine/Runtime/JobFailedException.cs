namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// Aborts the unit of work of an async job at its first incident-worthy failure, so nothing of
/// the try is kept; the engine then records the failure and schedules the next try. Internal to
/// the engine: callers see a history event <c>jobFailed</c> and, once the retries are spent, an incident.
/// </summary>
internal sealed class JobFailedException(string code, string message, Guid instanceId, string elementId, Exception? cause)
    : Exception(message, cause)
{
    /// <summary>The incident code the failure would have raised outside a job.</summary>
    public string Code { get; } = code;

    /// <summary>The instance and element where it failed: the job's, or one its unit of work went on to (a called instance too).</summary>
    public Guid InstanceId { get; } = instanceId;

    public string ElementId { get; } = elementId;
}
