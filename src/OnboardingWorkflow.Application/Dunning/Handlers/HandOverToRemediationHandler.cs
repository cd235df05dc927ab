using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Dunning.Handlers;

/// <summary>
/// handOverToRemediation: the credit manager chose a remediation case at the collection step. This
/// case releases the holds it placed and closes; the remediation case, opened by the same completion
/// right after, holds the account from then on (and the job leaves the customer to it).
/// </summary>
public sealed class HandOverToRemediationHandler(CaseFile cases, EscalationCases escalations, CreditHolds holds) : IOnboardingTaskHandler
{
    public string Name => "handOverToRemediation";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var row = await escalations.OfAsync(context, cancellationToken);
        var released = await holds.ReleaseForCaseAsync(context.InstanceId, CaseFile.System, "handed over to a remediation case", cancellationToken);
        row.Close("handed over to remediation", cases.Now);
        cases.Audit(context.Actor ?? CaseFile.System, "dunning.closed", "DunningCase", context.InstanceId.ToString(), row.CustomerId,
            $"handed over to remediation at level {row.Level}; {released.Count} hold(s) released");
    }
}
