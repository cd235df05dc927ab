using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Remediation;

/// <summary>The remediation case of a running instance (its business key is the customer id), its plan and what has been paid against it.</summary>
public sealed class RemediationCases(CaseFile cases)
{
    public static Guid CustomerOf(string? businessKey) =>
        Guid.TryParse(businessKey, out var id) ? id : throw new InvalidOperationException($"The business key '{businessKey}' is not a customer id.");

    /// <summary>The case row of the instance (tracked, also when it was added in this unit of work).</summary>
    public async Task<RemediationCase> OfAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var row = await OfCustomerAsync(CustomerOf(context.BusinessKey), cancellationToken)
            ?? throw new InvalidOperationException($"Customer {context.BusinessKey} has no remediation case.");
        return row.InstanceId == context.InstanceId
            ? row
            : throw new InvalidOperationException($"The remediation case of customer {row.CustomerId} is instance {row.InstanceId}, not {context.InstanceId}.");
    }

    public async Task<RemediationCase?> OfCustomerAsync(Guid customerId, CancellationToken cancellationToken) =>
        cases.Db.Set<RemediationCase>().Local.FirstOrDefault(c => c.CustomerId == customerId)
            ?? await cases.Db.Set<RemediationCase>().FirstOrDefaultAsync(c => c.CustomerId == customerId, cancellationToken);

    /// <summary>The case's instalments in order (tracked, also those added in this unit of work).</summary>
    public static async Task<List<RemediationInstalment>> InstalmentsAsync(CaseFile cases, Guid instanceId, CancellationToken cancellationToken)
    {
        var saved = await cases.Db.Set<RemediationInstalment>().Where(i => i.CaseInstanceId == instanceId).ToListAsync(cancellationToken);
        return saved.Concat(cases.Db.Set<RemediationInstalment>().Local.Where(i => i.CaseInstanceId == instanceId))
            .DistinctBy(i => i.Id).OrderBy(i => i.Number).ToList();
    }

    /// <summary>The customer's open invoices issued on or before <paramref name="asOf"/>, in minor units: a case's debt, and what is left of it.</summary>
    public Task<long> OpenDebtMinorAsync(Guid customerId, DateOnly asOf, CancellationToken cancellationToken) =>
        cases.Db.Set<ReceivableItem>()
            .Where(i => i.CustomerId == customerId && i.Kind == ReceivableKind.Invoice && i.IsOpen && i.IssueDate <= asOf)
            .SumAsync(i => i.OpenMinor, cancellationToken);

    /// <summary>
    /// Allocates what has been paid against the case's debt (the debt less what is still open of
    /// it) to the instalments in order, and marks those now paid in full. Returns the instalments.
    /// </summary>
    public async Task<List<RemediationInstalment>> AllocateAsync(RemediationCase remediation, CancellationToken cancellationToken)
    {
        var plan = await InstalmentsAsync(cases, remediation.InstanceId, cancellationToken);
        var paid = remediation.DebtMinor - await OpenDebtMinorAsync(remediation.CustomerId, remediation.DebtAsOf, cancellationToken);
        var covered = PaymentPlan.Allocate(plan.Select(i => i.AmountMinor).ToList(), paid);
        for (var k = 0; k < plan.Count; k++)
        {
            var instalment = plan[k];
            instalment.PaidMinor = covered[k];
            if (instalment.State == InstalmentState.Due && covered[k] == instalment.AmountMinor)
            {
                instalment.State = InstalmentState.Paid;
                instalment.PaidAt = cases.Now;
                cases.Audit(CaseFile.System, "remediation.instalment-paid", "RemediationCase", remediation.InstanceId.ToString(), remediation.CustomerId,
                    string.Create(CultureInfo.InvariantCulture, $"instalment {instalment.Number} of {Receivables.Money.Format(instalment.AmountMinor)} due {instalment.DueDate:yyyy-MM-dd} paid"));
            }
        }

        return plan;
    }
}
