using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Workflow;

/// <summary>
/// The BPMN XML an instance runs, so a task page can draw where the case stands. Whoever may see
/// the case may see its diagram (approvers need it, not only the workflow readers); the XML is the
/// deployed version the instance started on, not the latest one. The read is not audited: the
/// diagram holds no case data, and the instance read beside it already is.
/// </summary>
public sealed class InstanceDiagrams(WorkflowEngine engine, CaseAccess access)
{
    public async Task<string> XmlAsync(CurrentUser user, Guid instanceId, CancellationToken cancellationToken)
    {
        var instance = await engine.GetInstanceAsync(instanceId, cancellationToken) ?? throw AppException.NotFound($"Workflow instance {instanceId}");
        await access.ApplicationOfInstanceAsync(user, instanceId, instance.BusinessKey, cancellationToken);
        var definition = await engine.Options.Definitions.FindAsync(instance.ProcessKey, instance.ProcessVersion, cancellationToken)
            ?? throw AppException.NotFound($"Workflow {instance.ProcessKey} version {instance.ProcessVersion}");
        return definition.Xml;
    }
}
