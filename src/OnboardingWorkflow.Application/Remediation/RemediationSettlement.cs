using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.Remediation;

/// <summary>
/// Tells each running payment plan that an import changed its customer's ledger: the plan
/// allocates the payments again at once (a plan paid in full closes). Each customer in a unit of
/// work of its own; what fails here the instalment's own timer catches up on, since it allocates
/// again before it decides on a default.
/// </summary>
public sealed class RemediationSettlement(CaseFile cases, IServiceScopeFactory scopes) : ILedgerListener
{
    public async Task LedgerChangedAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken)
    {
        if (customerIds.Count == 0)
        {
            return;
        }

        var planning = await cases.Db.Set<RemediationCase>().AsNoTracking()
            .Where(c => c.Stage == RemediationStage.PaymentPlan && customerIds.Contains(c.CustomerId)).Select(c => c.CustomerId).ToListAsync(cancellationToken);
        foreach (var customerId in planning)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<WorkflowEngine>()
                    .CorrelateMessageAsync(RemediationProcess.Messages.Payment, customerId.ToString(), null, CaseFile.System, cancellationToken);
            }
            catch (Exception ex) when (ex is ConcurrencyException or DbUpdateException)
            {
                // Someone else moved the case just now; the instalment's timer allocates again.
            }
        }
    }
}
