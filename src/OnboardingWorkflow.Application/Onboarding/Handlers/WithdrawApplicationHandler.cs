using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Onboarding.Handlers;

/// <summary>withdrawApplication: the documents or the signed contract did not arrive in time.</summary>
public sealed class WithdrawApplicationHandler(CaseFile cases) : IOnboardingTaskHandler
{
    public string Name => "withdrawApplication";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var application = await cases.ApplicationAsync(context.BusinessKey, cancellationToken);
        var customer = await cases.CustomerAsync(application.CustomerId, cancellationToken);
        var reason = context.ElementId == "withdrawUnsignedContract"
            ? "the signed contract did not arrive within 30 days"
            : "the documents were not complete within 14 days";
        application.Status = ApplicationStatus.Withdrawn;
        application.Stage = ApplicationStage.Completed;
        application.Outcome = reason;
        cases.Touch(application);
        cases.Archive(application, context.ElementId, CaseFile.System, DecisionOutcome.Withdrawn, reason);
        cases.NotifyMaker(application, $"Application for {customer.Name} withdrawn",
            $"The onboarding application for {customer.Name} ({customer.RegistrationNumber}) was withdrawn: {reason}.", "onboarding.withdrawn");
    }
}
