using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Remediation.Handlers;

/// <summary>remediationRejected: the approvers refused the restructuring or write-off; the case goes back to the stage it came from and the credit manager decides again.</summary>
public sealed class RemediationRejectedHandler(CaseFile cases, RemediationCases remediations) : IOnboardingTaskHandler
{
    public string Name => "remediationRejected";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var remediation = await remediations.OfAsync(context, cancellationToken);
        var option = remediation.Option;
        remediation.MoveTo(remediation.LegalReference is null ? RemediationStage.Collection : RemediationStage.Legal);
        cases.Audit(CaseFile.System, "remediation.rejected", "RemediationCase", context.InstanceId.ToString(), remediation.CustomerId,
            $"{option} refused by the approvers; to be decided again");
    }
}
