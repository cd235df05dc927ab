using System.Globalization;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Remediation;

/// <summary>
/// A credit manager sends the payment plan of an open case before deciding on it: the instalments
/// are checked (count, days, amounts; see <see cref="PaymentPlan"/>) and may not add up to more
/// than the debt; whether they add up to exactly what the plan must cover (the debt, less a
/// restructuring's write-down) is checked when the option is chosen. Replaces an earlier proposal;
/// refused once a plan runs.
/// </summary>
public sealed class PaymentPlanProposal(CaseFile cases, CaseAccess access, RemediationCases remediations, IOptions<RemediationOptions> options)
{
    public async Task<RemediationCase> ProposeAsync(Guid customerId, IReadOnlyList<InstalmentInput>? instalments, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.RemediationManagers, user))
        {
            throw AppException.Forbidden("Payment plans are sent by credit managers.");
        }

        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        var row = await remediations.OfCustomerAsync(customer.Id, cancellationToken);
        if (row is not { IsOpen: true })
        {
            throw AppException.Conflict(ErrorCodes.NoRemediationCase, $"{customer.Name} has no open remediation case; open one first.");
        }

        if (row.Stage is not (RemediationStage.Collection or RemediationStage.Legal))
        {
            throw AppException.Conflict(ErrorCodes.PlanFixed, $"The remediation case of {customer.Name} is at the {row.Stage} stage: its payment plan can no longer change.");
        }

        var rules = new InputRules();
        var plan = PaymentPlan.Check(rules, instalments, DateOnly.FromDateTime(cases.Now.UtcDateTime), options.Value);
        if (!rules.HasErrors && plan.Sum(i => i.AmountMinor) > row.DebtMinor)
        {
            rules.Add(PaymentPlan.Field, FieldText.Format(FieldText.Keys.PlanTotalMismatch, Money.Format(plan.Sum(i => i.AmountMinor)), Money.Format(row.DebtMinor)));
        }

        rules.ThrowIfAny();
        row.ProposedPlanJson = PaymentPlan.Serialize(plan);
        row.Revision++;
        cases.Audit(user.Name, "remediation.plan-proposed", "RemediationCase", row.InstanceId.ToString(), customer.Id,
            string.Create(CultureInfo.InvariantCulture, $"{plan.Count} instalment(s) from {plan[0].DueDate:yyyy-MM-dd} to {plan[^1].DueDate:yyyy-MM-dd}, total {Money.Format(plan.Sum(i => i.AmountMinor))}"));
        await cases.Db.SaveChangesAsync(cancellationToken);
        return row;
    }
}
