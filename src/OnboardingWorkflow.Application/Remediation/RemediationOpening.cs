using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Remediation;

/// <summary>
/// Opens a customer's remediation case: a credit manager through the API or the dashboard. The
/// debt is every open invoice issued up to today; there must be one, and the customer must be a
/// customer we still deal with (active, on hold, suspended or blocked). The case row and the
/// instance start commit together; the row's unique customer makes a second opening fail, so a
/// customer has at most one open case. The instance is started by the system (the opener is kept on
/// the case): the maker whom the approvals exclude is whoever proposes a restructuring or write-off.
/// </summary>
public sealed class RemediationOpening(WorkflowEngine engine, CaseFile cases, CaseAccess access, RemediationCases remediations, IOptions<ReceivablesOptions> ledger)
{
    public const int MaxReasonLength = 1000;

    private static readonly CustomerStatus[] Remediable = [CustomerStatus.Active, CustomerStatus.Suspended, CustomerStatus.Blocked];

    public async Task<RemediationCase> OpenAsync(Guid customerId, string? reason, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.RemediationManagers, user))
        {
            throw AppException.Forbidden("Remediation cases are opened by credit managers.");
        }

        var rules = new InputRules();
        var why = rules.Text("reason", reason, MaxReasonLength, required: true);
        rules.ThrowIfAny();
        var (customer, row, debt) = await CheckAsync(customerId, user, cancellationToken);
        var today = DateOnly.FromDateTime(cases.Now.UtcDateTime);
        if (row is null)
        {
            row = RemediationCase.For(customer.Id, ledger.Value.Currency);
            cases.Db.Add(row);
        }

        row.Open(Guid.CreateVersion7(), debt, today, customer.Status, user.Name, why, cases.Now);
        cases.Audit(user.Name, "remediation.opened", "RemediationCase", row.InstanceId.ToString(), customer.Id, $"debt {Money.Format(debt)} {row.Currency}: {why}");
        try
        {
            await engine.StartAsync(RemediationProcess.Key, new Dictionary<string, object?>
            {
                [RemediationProcess.Start.CustomerId] = customer.Id.ToString(),
                [RemediationProcess.Start.Debt] = Money.FromMinor(debt),
            }, customer.Id.ToString(), CaseFile.System, row.InstanceId, cancellationToken);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Someone opened one at the same moment: the unique customer decided.
            throw AppException.Conflict(ErrorCodes.RemediationOpen, $"{customer.Name} already has an open remediation case.");
        }

        return row;
    }

    /// <summary>
    /// Whether the user may open a case for the customer now (the same refusals as <see cref="OpenAsync"/>):
    /// the escalation's collection task checks it before it hands the customer over.
    /// </summary>
    public async Task<(Customer Customer, RemediationCase? Row, long DebtMinor)> CheckAsync(Guid customerId, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.RemediationManagers, user))
        {
            throw AppException.Forbidden("Remediation cases are opened by credit managers.");
        }

        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        if (!Remediable.Contains(customer.Status))
        {
            throw AppException.Conflict(ErrorCodes.CustomerNotRemediable, $"{customer.Name} is {customer.Status.ToString().ToLowerInvariant()}: a remediation case is opened for a customer we still deal with.");
        }

        var row = await remediations.OfCustomerAsync(customer.Id, cancellationToken);
        if (row is { IsOpen: true })
        {
            throw AppException.Conflict(ErrorCodes.RemediationOpen, $"{customer.Name} already has an open remediation case (opened {row.OpenedAt:yyyy-MM-dd} by {row.OpenedBy}).");
        }

        var debt = await remediations.OpenDebtMinorAsync(customer.Id, DateOnly.FromDateTime(cases.Now.UtcDateTime), cancellationToken);
        if (debt <= 0)
        {
            throw AppException.Conflict(ErrorCodes.NothingOwed, $"{customer.Name} has no open invoices: there is no debt to remedy.");
        }

        return (customer, row, debt);
    }
}
