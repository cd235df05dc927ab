using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Remediation.Handlers;

/// <summary>openRemediation: a collection hold for the case, so no new credit is given while it runs; the case releases it when the debt is paid.</summary>
public sealed class OpenRemediationHandler(RemediationCases remediations, CreditHolds holds) : IOnboardingTaskHandler
{
    public string Name => "openRemediation";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var remediation = await remediations.OfAsync(context, cancellationToken);
        await holds.PlaceAsync(remediation.CustomerId, CreditHoldSource.Collection, context.InstanceId,
            $"remediation case: debt {Money.Format(remediation.DebtMinor)} {remediation.Currency}", CaseFile.System, cancellationToken);
    }
}
