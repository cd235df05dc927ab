using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Remediation.Handlers;

/// <summary>
/// writeOffDebt: the approved write-off. The customer is exited and put on the negative list
/// (registration number and name) with the reason, through the negative list's own rule; the case
/// closes as written off and records it in the credit archive. The holds stay in force.
/// </summary>
public sealed class WriteOffDebtHandler(CaseFile cases, RemediationCases remediations, NegativeListService negativeList) : IOnboardingTaskHandler
{
    public string Name => "writeOffDebt";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var remediation = await remediations.OfAsync(context, cancellationToken);
        var customer = await cases.CustomerAsync(remediation.CustomerId, cancellationToken);
        var reason = (context.GetVariable(RemediationProcess.Fields.Reason) as string)?.Trim();
        var amount = $"{Money.Format(remediation.WriteDownMinor)} {remediation.Currency}";
        var listed = $"Debt of {amount} written off: {(string.IsNullOrEmpty(reason) ? "no reason given" : reason)}";
        negativeList.Add(customer.RegistrationNumber, customer.Name, listed.Length > 1000 ? listed[..1000] : listed, remediation.ProposedBy ?? CaseFile.System);
        CustomerStatuses.Set(cases, customer, CustomerStatus.Exited, CaseFile.System, listed);
        remediation.Close(RemediationOutcome.WrittenOff, listed, cases.Now);
        cases.Archive(remediation, context.ElementId, CaseFile.System, DecisionOutcome.WrittenOff, listed,
            new { writtenOff = Money.FromMinor(remediation.WriteDownMinor), debt = Money.FromMinor(remediation.DebtMinor), reason, proposedBy = remediation.ProposedBy });
    }
}
