using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Application.Notifications;

namespace OnboardingWorkflow.Application.Onboarding;

/// <summary>
/// A person withdraws an open application: its maker, or a credit manager, and only before a final
/// decision (approval, rejection or an earlier withdrawal). The flow models withdrawal as the end
/// of the case (the <c>withdrawApplication</c> step, reached by the deadline timers); it has no
/// event a person could send, so a person's withdrawal ends the instance — every open task is
/// cancelled and no timer fires again — and records the same archive entry as the timer's
/// withdrawal, with who and why. The case, the archive, the audit and the end of the instance
/// commit in one unit of work.
/// </summary>
public sealed class ApplicationWithdrawal(WorkflowEngine engine, CaseFile cases, CaseAccess access)
{
    public const int MaxReasonLength = 2000;

    public async Task<OnboardingApplication> WithdrawAsync(Guid applicationId, string? reason, CurrentUser user, CancellationToken cancellationToken)
    {
        var input = new InputRules();
        var why = input.Text("reason", reason, MaxReasonLength, required: true);
        input.ThrowIfAny();

        var application = await access.ApplicationAsync(user, applicationId, cancellationToken);
        if (!user.Is(application.Maker) && !user.IsInRole(Roles.CreditManager))
        {
            throw AppException.Forbidden($"{user.Name} may not withdraw this application: only its maker or a credit manager may.");
        }

        if (application.Status != ApplicationStatus.InProgress)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState,
                $"The application is {application.Status.ToString().ToLowerInvariant()}: it can be withdrawn only before the final decision.");
        }

        var customer = await cases.CustomerAsync(application.CustomerId, cancellationToken);
        application.Status = ApplicationStatus.Withdrawn;
        application.Stage = ApplicationStage.Completed;
        application.Outcome = $"withdrawn by {user.Name}: {why}";
        cases.Touch(application);
        cases.Archive(application, OnboardingProcess.WithdrawApplication, user.Name, DecisionOutcome.Withdrawn, why);
        if (!user.Is(application.Maker))
        {
            await cases.NotifyMakerAsync(application, Mails.ApplicationWithdrawn, [customer.Name, customer.RegistrationNumber, user.Name, why], cancellationToken);
        }

        var instance = application.InstanceId is { } id ? await engine.GetInstanceAsync(id, cancellationToken) : null;
        if (instance is { IsEnded: false })
        {
            // The engine's commit saves the case's changes with the end of the instance.
            await engine.TerminateAsync(instance.Id, $"withdrawn by {user.Name}", user.Name, cancellationToken);
        }
        else
        {
            await cases.Db.SaveChangesAsync(cancellationToken);
        }

        return application;
    }
}
