namespace OnboardingWorkflow.Engine.Model;

/// <summary>Where an element stands in its BPMN file (1-based; 0 when unknown).</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public static readonly SourcePosition Unknown = new(0, 0);
}
