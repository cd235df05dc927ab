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

    /// <summary>
    /// How long a thrown message or signal whose delivery was cut short waits before the timers job
    /// delivers it from its stored row; after each failed delivery the wait doubles, to at most an hour.
    /// Shorter catches up sooner after a crash; it must stay longer than a delivery takes, or a sweep
    /// may start on one that a live server is still delivering (each receiver still gets it once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan DispatchGrace { get; set; } = TimeSpan.FromMinutes(1);
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
