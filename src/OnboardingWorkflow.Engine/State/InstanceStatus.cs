namespace OnboardingWorkflow.Engine.State;

/// <summary>Where a process instance stands as a whole.</summary>
public enum InstanceStatus
{
    /// <summary>Has work ready to run (between steps of one unit of work, or an async continuation).</summary>
    Running,

    /// <summary>Every token waits for the outside world: a task, timer, message or called instance.</summary>
    Waiting,

    Completed,

    /// <summary>Cancelled from outside.</summary>
    Terminated,

    /// <summary>Ended by an error end event that nothing caught.</summary>
    Failed,
}
