namespace OnboardingWorkflow.Engine.Expressions;

/// <summary>Sandbox limits for expressions and scripts.</summary>
public sealed record ScriptLimits
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
    public long MemoryBytes { get; init; } = 16 * 1024 * 1024;
    public int RecursionDepth { get; init; } = 64;
    public int MaxStatements { get; init; } = 1_000_000;

    public static ScriptLimits Default { get; } = new();
}
