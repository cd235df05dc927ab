using OnboardingWorkflow.Engine.Expressions;

namespace OnboardingWorkflow.Engine.Model;

/// <summary>Camunda 7 assignment and form attributes of a user task; each may be an expression.</summary>
public sealed class UserTaskSpec
{
    public Expression? Assignee { get; init; }
    public Expression? CandidateUsers { get; init; }
    public Expression? CandidateGroups { get; init; }
    public Expression? DueDate { get; init; }
    public Expression? FollowUpDate { get; init; }
    public Expression? Priority { get; init; }
    public Expression? FormKey { get; init; }

    /// <summary>The camunda:formData fields a completion may set; null when the task declares none.</summary>
    public TaskContract? Contract { get; init; }
}
