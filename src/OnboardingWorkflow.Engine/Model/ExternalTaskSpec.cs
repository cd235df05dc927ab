using OnboardingWorkflow.Engine.Expressions;

namespace OnboardingWorkflow.Engine.Model;

/// <summary>
/// A service, send or business-rule task with camunda:type="external": the engine does not run it,
/// it waits for a worker outside the process that fetches and locks it by its topic
/// (camunda:topic), does the work and completes it, reports a failure or throws a BPMN error.
/// <para>
/// What a worker may set on completion is the task's contract: the camunda:formData fields on the
/// task, exactly as for a user task (declared, typed, bounded; anything else is refused). A task
/// without camunda:formData accepts a completion without variables only.
/// </para>
/// </summary>
public sealed class ExternalTaskSpec
{
    /// <summary>camunda:topic, trimmed; null or empty when missing (the validator reports it).</summary>
    public string? Topic { get; init; }

    /// <summary>camunda:taskPriority, a number or an expression; null: priority 0.</summary>
    public Expression? Priority { get; init; }

    /// <summary>The camunda:formData fields a worker's completion may set; null when the task declares none.</summary>
    public TaskContract? Contract { get; init; }
}
