using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Dunning.Handlers;

/// <summary>placeDunningHold: a credit hold placed by this case (once, however often the level rises) and the letter that tells the customer.</summary>
public sealed class PlaceDunningHoldHandler(CreditHolds holds, DunningLetters letters) : IOnboardingTaskHandler
{
    public string Name => "placeDunningHold";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var customerId = EscalationCases.CustomerOf(context);
        var level = EscalationCases.LevelOf(context);
        await holds.PlaceAsync(customerId, CreditHoldSource.Dunning, context.InstanceId, $"overdue invoices: dunning level {level}", CaseFile.System, cancellationToken);
        await letters.SendAsync(customerId, context.InstanceId, DunningLetterKind.HoldPlaced, level, cancellationToken);
    }
}
