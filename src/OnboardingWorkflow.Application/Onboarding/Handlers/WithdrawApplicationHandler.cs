using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Application.Notifications;

namespace OnboardingWorkflow.Application.Onboarding.Handlers;

/// <summary>withdrawApplication: the documents or the signed contract did not arrive in time.</summary>
public sealed class WithdrawApplicationHandler(CaseFile cases) : IOnboardingTaskHandler
{
    public string Name => "withdrawApplication";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var application = await cases.ApplicationAsync(context.BusinessKey, cancellationToken);
        var customer = await cases.CustomerAsync(application.CustomerId, cancellationToken);
        var reason = new MailPhrase(context.ElementId == "withdrawUnsignedContract" ? "Reason.ContractLate" : "Reason.DocumentsLate");
        var why = MailComposer.Text(reason.Key, Languages.Default);
        application.Status = ApplicationStatus.Withdrawn;
        application.Stage = ApplicationStage.Completed;
        application.Outcome = why;
        cases.Touch(application);
        cases.Archive(application, context.ElementId, CaseFile.System, DecisionOutcome.Withdrawn, why);
        await cases.NotifyMakerAsync(application, Mails.ApplicationTimedOut, [customer.Name, customer.RegistrationNumber, reason], cancellationToken);
    }
}
