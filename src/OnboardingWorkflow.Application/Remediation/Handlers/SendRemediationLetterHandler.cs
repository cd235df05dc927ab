using System.Globalization;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Remediation.Handlers;

/// <summary>
/// sendRemediationLetter: sends the letter its element names in the extension property
/// <c>letter</c> (<see cref="RemediationLetterKind"/>) about the instalment in instalmentNumber;
/// once per case and instalment, and not for an instalment already paid.
/// </summary>
public sealed class SendRemediationLetterHandler(RemediationCases remediations, RemediationLetters letters) : IOnboardingTaskHandler
{
    public string Name => "sendRemediationLetter";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        if (!context.Element.Properties.TryGetValue(RemediationProcess.LetterProperty, out var name) || !Enum.TryParse<RemediationLetterKind>(name, out var kind))
        {
            throw new InvalidOperationException(
                $"{context.ElementId}: the extension property '{RemediationProcess.LetterProperty}' must name a letter ({string.Join(", ", Enum.GetNames<RemediationLetterKind>())}).");
        }

        var remediation = await remediations.OfAsync(context, cancellationToken);
        var number = context.TryGetVariable(RemediationProcess.Variables.InstalmentNumber, out var value) && value is not null
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : 0;
        var plan = await remediations.AllocateAsync(remediation, cancellationToken);
        if (plan.FirstOrDefault(i => i.Number == number) is { State: InstalmentState.Paid })
        {
            return;
        }

        await letters.SendAsync(remediation, kind, number, cancellationToken);
    }
}
