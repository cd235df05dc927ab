using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Dunning.Handlers;

/// <summary>closeDunningCase: the overdue is cleared; releases the holds this case placed (and says so in a letter) and closes the case.</summary>
public sealed class CloseDunningCaseHandler(CaseFile cases, EscalationCases escalations, CreditHolds holds, DunningLetters letters) : IOnboardingTaskHandler
{
    public string Name => "closeDunningCase";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var row = await escalations.OfAsync(context, cancellationToken);
        var released = await holds.ReleaseForCaseAsync(context.InstanceId, CaseFile.System, "overdue invoices settled", cancellationToken);
        if (released.Count > 0)
        {
            await letters.SendAsync(row.CustomerId, context.InstanceId, DunningLetterKind.HoldReleased, row.Level, cancellationToken);
        }

        row.Close("overdue cleared", cases.Now);
        cases.Audit(CaseFile.System, "dunning.closed", "DunningCase", context.InstanceId.ToString(), row.CustomerId,
            $"overdue cleared at level {row.Level}; {released.Count} hold(s) released");
    }
}
