using OnboardingWorkflow.Engine.Model;

namespace OnboardingWorkflow.Engine.Parsing;

/// <summary>The result of reading a BPMN file: its processes and every problem found.</summary>
public sealed class BpmnDocument
{
    public required IReadOnlyList<ProcessDefinition> Processes { get; init; }
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>Participants of collaborations (pool name by process id); kept for display.</summary>
    public IReadOnlyDictionary<string, string> Participants { get; init; } = new Dictionary<string, string>();

    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public IEnumerable<ProcessDefinition> ExecutableProcesses => Processes.Where(p => p.IsExecutable);
}
