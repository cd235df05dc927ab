using OnboardingWorkflow.Engine.Expressions;

namespace OnboardingWorkflow.Engine.Model;

/// <summary>A directed connection between two flow nodes of the same scope.</summary>
public sealed class SequenceFlow
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public required string SourceId { get; init; }
    public required string TargetId { get; init; }
    public SourcePosition Position { get; init; }

    /// <summary>The condition, or null when the flow is unconditional.</summary>
    public Expression? Condition { get; init; }

    public FlowNode Source { get; internal set; } = null!;
    public FlowNode Target { get; internal set; } = null!;
}
