namespace OnboardingWorkflow.Engine.Expressions;

/// <summary>An expression or script failed to evaluate: a syntax, reference, type or limit error.</summary>
public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The expression named something that is not defined (a variable not set yet): a JavaScript ReferenceError.</summary>
    public bool NamesSomethingUndefined { get; init; }
}
