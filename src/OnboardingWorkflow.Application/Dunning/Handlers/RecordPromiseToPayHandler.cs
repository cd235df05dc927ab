using System.Globalization;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Dunning.Handlers;

/// <summary>
/// recordPromiseToPay: keeps the promised day on the case, so the job leaves the customer alone
/// until then, and sets promisedUntil (the end of that day, UTC) for the broken-promise timer.
/// The day was checked before the message was sent (API or task form).
/// </summary>
public sealed class RecordPromiseToPayHandler(CaseFile cases, EscalationCases escalations) : IOnboardingTaskHandler
{
    public string Name => "recordPromiseToPay";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var text = Convert.ToString(context.GetVariable(EscalationProcess.Variables.PromisedDate), CultureInfo.InvariantCulture);
        var day = PromiseRules.Parse(text) ?? throw new InvalidOperationException($"The promise to pay names no day (yyyy-MM-dd): '{text}'.");

        var row = await escalations.OfAsync(context, cancellationToken);
        var by = context.Actor ?? CaseFile.System;
        row.Promise(day, by, cases.Now);
        context.SetVariable(EscalationProcess.Variables.PromisedUntil, PromiseRules.EndOf(day).ToString("O", CultureInfo.InvariantCulture));
        cases.Audit(by, "dunning.promise", "DunningCase", context.InstanceId.ToString(), row.CustomerId, $"promised to pay by {day:yyyy-MM-dd}");
    }
}
