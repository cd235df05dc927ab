using System.Globalization;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Remediation.Handlers;

/// <summary>
/// startPaymentPlan: the proposed instalments (checked when the option was chosen) become the
/// plan; the customer is suspended (no new credit while it runs) and receives the plan agreement.
/// A restructuring's write-down is recorded in the archive with the plan.
/// </summary>
public sealed class StartPaymentPlanHandler(CaseFile cases, RemediationCases remediations, RemediationLetters letters) : IOnboardingTaskHandler
{
    public string Name => "startPaymentPlan";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var remediation = await remediations.OfAsync(context, cancellationToken);
        var plan = PaymentPlan.Deserialize(remediation.ProposedPlanJson ?? throw new InvalidOperationException($"Remediation case {context.InstanceId} has no plan to start."));
        if ((await RemediationCases.InstalmentsAsync(cases, context.InstanceId, cancellationToken)).Count == 0)
        {
            var number = 0;
            foreach (var instalment in plan)
            {
                cases.Db.Add(new RemediationInstalment
                {
                    Id = Guid.CreateVersion7(), CustomerId = remediation.CustomerId, CaseInstanceId = context.InstanceId, Number = ++number,
                    DueDate = instalment.DueDate, AmountMinor = instalment.AmountMinor, State = InstalmentState.Due,
                });
            }
        }

        remediation.MoveTo(RemediationStage.PaymentPlan);
        var customer = await cases.CustomerAsync(remediation.CustomerId, cancellationToken);
        CustomerStatuses.Set(cases, customer, CustomerStatus.Suspended, CaseFile.System, $"payment plan of remediation case {context.InstanceId}");
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{plan.Count} instalment(s), {Money.Format(remediation.PlanTotalMinor)} {remediation.Currency} to {plan[^1].DueDate:yyyy-MM-dd}; written down {Money.Format(remediation.WriteDownMinor)}");
        cases.Archive(remediation, context.ElementId, CaseFile.System, DecisionOutcome.PaymentPlanStarted, $"payment plan started: {summary}",
            new { option = remediation.Option?.ToString(), plan, writeDown = Money.FromMinor(remediation.WriteDownMinor) });
        await letters.SendAsync(remediation, RemediationLetterKind.PlanAgreement, 0, cancellationToken);
    }
}
