namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// A completion did not honour its task's contract; nothing was changed. <see cref="Errors"/>
/// says, per field id, what to fix ("approvedLimit: must be at most 1000000").
/// </summary>
public sealed class TaskContractViolationException(string taskId, string elementId, IReadOnlyDictionary<string, IReadOnlyList<string>> errors)
    : Exception($"The completion of task '{elementId}' ({taskId}) was refused: {string.Join("; ", errors.SelectMany(e => e.Value))}")
{
    /// <summary>The field key used when the completion as a whole is too large.</summary>
    public const string VariablesKey = "variables";

    public string TaskId { get; } = taskId;
    public string ElementId { get; } = elementId;
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; } = errors;
}
