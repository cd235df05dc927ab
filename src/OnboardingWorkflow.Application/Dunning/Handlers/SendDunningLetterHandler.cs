using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Dunning.Handlers;

/// <summary>
/// sendDunningLetter: sends the letter its element names in the extension property
/// <c>letter</c> (Reminder, FormalNotice, LegalHandOver, ...), at the case's level; once per case.
/// </summary>
public sealed class SendDunningLetterHandler(DunningLetters letters) : IOnboardingTaskHandler
{
    public string Name => "sendDunningLetter";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        if (!context.Element.Properties.TryGetValue(EscalationProcess.LetterProperty, out var name) || !Enum.TryParse<DunningLetterKind>(name, out var kind))
        {
            throw new InvalidOperationException(
                $"{context.ElementId}: the extension property '{EscalationProcess.LetterProperty}' must name a letter ({string.Join(", ", Enum.GetNames<DunningLetterKind>())}).");
        }

        await letters.SendAsync(EscalationCases.CustomerOf(context), context.InstanceId, kind, EscalationCases.LevelOf(context), cancellationToken);
    }
}
