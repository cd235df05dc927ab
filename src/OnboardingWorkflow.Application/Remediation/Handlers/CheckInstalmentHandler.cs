using System.Globalization;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Remediation.Handlers;

/// <summary>checkInstalment: the grace period of the instalment in instalmentNumber is over; allocates the payments once more and sets instalmentMissed when it is still not paid in full.</summary>
public sealed class CheckInstalmentHandler(RemediationCases remediations) : IOnboardingTaskHandler
{
    public string Name => "checkInstalment";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var remediation = await remediations.OfAsync(context, cancellationToken);
        var number = Convert.ToInt32(context.GetVariable(RemediationProcess.Variables.InstalmentNumber), CultureInfo.InvariantCulture);
        var plan = await remediations.AllocateAsync(remediation, cancellationToken);
        var instalment = plan.FirstOrDefault(i => i.Number == number) ?? throw new InvalidOperationException($"Remediation case {context.InstanceId} has no instalment {number}.");
        context.SetVariable(RemediationProcess.Variables.InstalmentMissed, instalment.State != InstalmentState.Paid);
    }
}
