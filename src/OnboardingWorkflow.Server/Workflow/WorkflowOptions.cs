using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Server.Workflow;

/// <summary>The "Workflow" configuration section.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    /// <summary>Folder of .bpmn files deployed at start-up; relative paths start at the server's folder.</summary>
    public string WorkflowsDirectory { get; set; } = "workflows";

    public bool DeployOnStartup { get; set; } = true;

    public ScriptLimitOptions ScriptLimits { get; set; } = new();

    [Range(100, 10_000_000)]
    public int MaxStepsPerUnitOfWork { get; set; } = 100_000;
}

/// <summary>Sandbox limits of expressions and scripts.</summary>
public sealed class ScriptLimitOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1024 * 1024, long.MaxValue)]
    public long MemoryBytes { get; set; } = 16 * 1024 * 1024;

    [Range(8, 10_000)]
    public int RecursionDepth { get; set; } = 64;

    [Range(1000, int.MaxValue)]
    public int MaxStatements { get; set; } = 1_000_000;
}
