using System.Globalization;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Remediation.Handlers;

/// <summary>planDefaulted: the instalment in instalmentNumber was missed; it is marked so, the plan ends, and the customer receives the default notice. Legal action follows.</summary>
public sealed class PlanDefaultedHandler(CaseFile cases, RemediationCases remediations, RemediationLetters letters) : IOnboardingTaskHandler
{
    public string Name => "planDefaulted";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var remediation = await remediations.OfAsync(context, cancellationToken);
        var number = Convert.ToInt32(context.GetVariable(RemediationProcess.Variables.InstalmentNumber), CultureInfo.InvariantCulture);
        var plan = await RemediationCases.InstalmentsAsync(cases, context.InstanceId, cancellationToken);
        var missed = plan.First(i => i.Number == number);
        missed.State = InstalmentState.Missed;
        missed.MissedAt = cases.Now;
        cases.Audit(CaseFile.System, "remediation.plan-defaulted", "RemediationCase", context.InstanceId.ToString(), remediation.CustomerId,
            string.Create(CultureInfo.InvariantCulture, $"instalment {number} of {Money.Format(missed.AmountMinor)} due {missed.DueDate:yyyy-MM-dd} not paid ({Money.Format(missed.PaidMinor)} paid)"));
        await letters.SendAsync(remediation, RemediationLetterKind.DefaultNotice, number, cancellationToken);
    }
}
