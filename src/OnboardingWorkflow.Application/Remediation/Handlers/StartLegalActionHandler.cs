using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Remediation.Handlers;

/// <summary>startLegalAction: the case goes to legal action; the customer is blocked (no new business at all) and the collection hold stays in force.</summary>
public sealed class StartLegalActionHandler(CaseFile cases, RemediationCases remediations, CreditHolds holds) : IOnboardingTaskHandler
{
    public string Name => "startLegalAction";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var remediation = await remediations.OfAsync(context, cancellationToken);
        remediation.MoveTo(RemediationStage.Legal);
        var customer = await cases.CustomerAsync(remediation.CustomerId, cancellationToken);
        CustomerStatuses.Set(cases, customer, CustomerStatus.Blocked, CaseFile.System, $"legal action of remediation case {context.InstanceId}");
        await holds.PlaceAsync(remediation.CustomerId, CreditHoldSource.Collection, context.InstanceId,
            $"remediation case: debt {Money.Format(remediation.DebtMinor)} {remediation.Currency}", CaseFile.System, cancellationToken);
        cases.Audit(CaseFile.System, "remediation.legal-action", "RemediationCase", context.InstanceId.ToString(), remediation.CustomerId,
            $"legal action (after {remediation.Option?.ToString() ?? "opening"})");
    }
}
