using OnboardingWorkflow.Engine.Expressions;

namespace OnboardingWorkflow.Engine.Model;

/// <summary>The three ISO 8601 timer forms of BPMN.</summary>
public enum TimerKind
{
    Duration,
    Date,
    Cycle,
}

/// <summary>A timer event definition; its text may be an expression evaluated when the timer is armed.</summary>
public sealed record TimerSpec(TimerKind Kind, Expression Value);
