namespace OnboardingWorkflow.Engine.Model;

/// <summary>The BPMN element types the engine executes.</summary>
public enum ElementKind
{
    StartEvent,
    EndEvent,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    BoundaryEvent,
    Task,
    UserTask,
    ServiceTask,
    ScriptTask,
    SendTask,
    ReceiveTask,
    BusinessRuleTask,
    ManualTask,
    ExclusiveGateway,
    ParallelGateway,
    InclusiveGateway,
    EventBasedGateway,
    SubProcess,
    CallActivity,

    /// <summary>A BPMN element the engine does not execute; valid only off every executable path.</summary>
    Unsupported,
}

/// <summary>What an event waits for or throws.</summary>
public enum EventTrigger
{
    None,
    Timer,
    Message,
    Error,
    Terminate,

    /// <summary>Broadcast: every instance waiting for the signal's name gets it, and every process with a signal start of that name starts.</summary>
    Signal,

    /// <summary>
    /// Tells the enclosing sub-process or call activity about something without failing: its
    /// escalation boundary event catches it, interrupting or not; uncaught, nothing happens.
    /// </summary>
    Escalation,

    /// <summary>
    /// Waits until a condition on the instance's variables becomes true: checked when the event is
    /// reached and again whenever a variable changes.
    /// </summary>
    Conditional,

    /// <summary>An intermediate throw event that goes on at the catch event of the same link name in its scope (a "go to" on the page).</summary>
    Link,

    /// <summary>
    /// Undoes completed work: a throw or end event runs the compensation handlers of the activities
    /// of its scope that completed (or of the one its activityRef names), last completed first; a
    /// boundary event of this kind links an activity to its handler and never fires by itself.
    /// </summary>
    Compensation,

    /// <summary>Cancels a transaction sub-process: its end event inside the transaction, its boundary event on the transaction.</summary>
    Cancel,
}
