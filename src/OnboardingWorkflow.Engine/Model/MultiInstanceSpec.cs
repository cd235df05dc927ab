using OnboardingWorkflow.Engine.Expressions;

namespace OnboardingWorkflow.Engine.Model;

/// <summary>Multi-instance loop characteristics of an activity.</summary>
public sealed class MultiInstanceSpec
{
    public bool IsSequential { get; init; }

    /// <summary>An expression giving the number of instances, when no collection is given.</summary>
    public Expression? Cardinality { get; init; }

    /// <summary>An expression giving the list to iterate (camunda:collection).</summary>
    public Expression? Collection { get; init; }

    /// <summary>The local variable each instance sees its item under (camunda:elementVariable).</summary>
    public string? ElementVariable { get; init; }

    public Expression? CompletionCondition { get; init; }
}
