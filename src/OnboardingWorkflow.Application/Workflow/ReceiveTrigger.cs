using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Workflow;

/// <summary>What a trigger did: the instance, the receive task it went past, and where the instance waits now.</summary>
public sealed record TriggerOutcome(Guid InstanceId, string ElementId, string Status, IReadOnlyList<string> WaitingAt);

/// <summary>
/// Triggers a receive task that names no message, for an administrator or an integration acting
/// as one ("the goods were delivered"). Like a signal, a trigger from a person carries no
/// variables: no task declared what it may set. Audited; refused with invalid_state when the
/// instance does not wait there.
/// </summary>
public sealed class ReceiveTrigger(WorkflowEngine engine, Cases.CaseFile cases)
{
    public const int MaxElementIdLength = 200;

    public async Task<TriggerOutcome> TriggerAsync(CurrentUser user, Guid instanceId, string? elementId, CancellationToken cancellationToken)
    {
        var rules = new InputRules();
        var element = rules.Text("elementId", elementId, MaxElementIdLength, required: true);
        rules.ThrowIfAny();

        cases.Audit(user.Name, "workflow.trigger", "WorkflowInstance", instanceId.ToString(), detail: element);
        var instance = await engine.TriggerAsync(instanceId, element!, variables: null, user.Name, cancellationToken);
        return new TriggerOutcome(instance.Id, element!, instance.Status.ToString(), instance.Bookmarks.Select(b => b.ElementId).Distinct(StringComparer.Ordinal).ToList());
    }
}
