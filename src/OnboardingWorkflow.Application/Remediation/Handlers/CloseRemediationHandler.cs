using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Remediation.Handlers;

/// <summary>
/// closeRemediation: the plan is paid in full, or legal action recovered the debt. The holds this
/// case placed are released, the customer returns to the status it had when the case opened, and
/// the case closes.
/// </summary>
public sealed class CloseRemediationHandler(CaseFile cases, RemediationCases remediations, CreditHolds holds) : IOnboardingTaskHandler
{
    public string Name => "closeRemediation";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var remediation = await remediations.OfAsync(context, cancellationToken);
        var recovered = context.GetVariable(RemediationProcess.Fields.Option) as string == RemediationProcess.Options.Recovered;
        var reason = recovered ? $"debt recovered by legal action ({remediation.LegalReference})" : "payment plan paid in full";
        var released = await holds.ReleaseForCaseAsync(context.InstanceId, CaseFile.System, reason, cancellationToken);
        var customer = await cases.CustomerAsync(remediation.CustomerId, cancellationToken);
        CustomerStatuses.Set(cases, customer, remediation.StatusBefore, CaseFile.System, $"remediation case {context.InstanceId} closed: {reason}");
        remediation.Close(recovered ? RemediationOutcome.Recovered : RemediationOutcome.PlanPaid, reason, cases.Now);
        cases.Audit(CaseFile.System, "remediation.closed", "RemediationCase", context.InstanceId.ToString(), remediation.CustomerId,
            $"{reason}; {released.Count} hold(s) released; debt was {Money.Format(remediation.DebtMinor)} {remediation.Currency}");
    }
}
