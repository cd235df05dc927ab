namespace OnboardingWorkflow.Engine.Expressions;

/// <summary>Read access to the variables an expression can see.</summary>
public interface IVariableReader
{
    bool TryGet(string name, out object? value);
}
