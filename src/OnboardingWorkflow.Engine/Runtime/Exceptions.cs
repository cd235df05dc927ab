using OnboardingWorkflow.Engine.Parsing;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>A deployment was refused because the BPMN has errors; <see cref="Diagnostics"/> lists them all.</summary>
public sealed class BpmnValidationException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception($"The BPMN has {diagnostics.Count(d => d.IsError)} error(s): {string.Join("; ", diagnostics.Where(d => d.IsError).Take(3).Select(d => $"{d.Code} {d.Message} [{d.ElementId}]"))}")
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>No deployed process has the key asked for.</summary>
public sealed class ProcessNotFoundException(string key) : Exception($"No process '{key}' is deployed.")
{
    public string Key { get; } = key;
}

/// <summary>An operation that the instance's current state does not allow (e.g. retrying a resolved incident).</summary>
public sealed class InvalidWorkflowOperationException(string message) : Exception(message);

/// <summary>
/// A four-eyes task was to be completed by its instance's maker, by someone who already approved
/// in the same instance, or by nobody in particular. Nothing was changed.
/// </summary>
public sealed class MakerCheckerException(string taskId, string? actor, string reason)
    : Exception($"{actor ?? "An anonymous caller"} may not complete task '{taskId}': {reason}")
{
    public string TaskId { get; } = taskId;
    public string? Actor { get; } = actor;
}
