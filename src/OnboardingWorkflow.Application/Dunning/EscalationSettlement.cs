using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.Dunning;

/// <summary>
/// Ends the escalation of a customer as soon as an import settles the overdue: after the import is
/// saved, each changed customer with a running case is cleared in a unit of work of its own. What
/// fails here (a case moved by someone else at the same moment) the next job run clears.
/// </summary>
public sealed class EscalationSettlement(CaseFile cases, IServiceScopeFactory scopes) : ILedgerListener
{
    public async Task LedgerChangedAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken)
    {
        if (customerIds.Count == 0)
        {
            return;
        }

        var running = await cases.Db.Set<DunningCase>().AsNoTracking()
            .Where(c => c.Status == DunningCaseStatus.Running && customerIds.Contains(c.CustomerId)).Select(c => c.CustomerId).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(cases.Now.UtcDateTime);
        foreach (var customerId in running)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<CustomerEscalation>().ClearAsync(customerId, today, cancellationToken);
            }
            catch (Exception ex) when (ex is ConcurrencyException or DbUpdateException)
            {
                // Someone else moved the case just now; the next job run clears it if it is still due.
            }
        }
    }
}
