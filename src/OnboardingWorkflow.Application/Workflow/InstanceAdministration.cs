using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Application.Workflow;

/// <summary>
/// Cancels a workflow instance from outside: a stuck or obsolete case that nobody will finish.
/// The reason is required and ends up in three places written in one unit of work: the engine's
/// history (instanceTerminated with the reason), the audit trail, and, when the instance runs an
/// onboarding application still in progress, that application's archive (withdrawn, with the reason).
/// </summary>
public sealed class InstanceAdministration(WorkflowEngine engine, CaseFile cases)
{
    public const int MaxReasonLength = 1000;

    public async Task<ProcessInstance> CancelInstanceAsync(Guid id, string? reason, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.InstanceAdmins, user))
        {
            throw AppException.Forbidden($"{user.Name} may not cancel workflow instances: it needs one of the roles {string.Join(", ", Policies.Table[Policies.InstanceAdmins])}.");
        }

        var rules = new InputRules();
        var text = rules.Text("reason", reason, MaxReasonLength, required: true);
        rules.ThrowIfAny();

        var instance = await engine.GetInstanceAsync(id, cancellationToken) ?? throw AppException.NotFound($"Workflow instance {id}");
        if (instance.IsEnded)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState, $"Workflow instance {id} has already ended ({instance.Status}).");
        }

        Guid? customerId = null;
        if (Guid.TryParse(instance.BusinessKey, out var applicationId)
            && await cases.Db.Set<OnboardingApplication>().FindAsync([applicationId], cancellationToken) is { } application
            && application.InstanceId == id)
        {
            customerId = application.CustomerId;
            if (application.Status == ApplicationStatus.InProgress)
            {
                application.Status = ApplicationStatus.Withdrawn;
                application.Stage = ApplicationStage.Completed;
                application.Outcome = $"cancelled: {text}";
                cases.Touch(application);
                cases.Archive(application, "cancelled", user.Name, DecisionOutcome.Withdrawn, text);
            }
        }

        cases.Audit(user.Name, "instance.cancelled", "WorkflowInstance", id.ToString(), customerId, text);
        // The engine's commit saves the audit entry and the archive entry with the instance, in one transaction.
        return await engine.TerminateAsync(id, text, user.Name, cancellationToken);
    }
}
