using OnboardingWorkflow.Application.Notifications;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Onboarding.Handlers;

/// <summary>
/// notifyMaker: ends the case the way the element says (duplicate, negative list, knock-out,
/// rejected, active), records the outcome in the archive and e-mails the maker.
/// </summary>
public sealed class NotifyMakerHandler(CaseFile cases) : IOnboardingTaskHandler
{
    public string Name => "notifyMaker";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var application = await cases.ApplicationAsync(context.BusinessKey, cancellationToken);
        var customer = await cases.CustomerAsync(application.CustomerId, cancellationToken);
        var (outcome, reason, fallback) = context.ElementId switch
        {
            OnboardingProcess.Endings.Duplicate => ((DecisionOutcome?)DecisionOutcome.Duplicate, Text(context, OnboardingProcess.Variables.DuplicateReason), "Reason.Duplicate"),
            OnboardingProcess.Endings.NegativeList => (DecisionOutcome.NegativeList, Text(context, OnboardingProcess.Variables.NegativeListReason), "Reason.NegativeList"),
            OnboardingProcess.Endings.KnockOut => (DecisionOutcome.KnockedOut, KnockOutReasons(context), "Reason.KnockOut"),
            OnboardingProcess.Endings.Rejected => (DecisionOutcome.Reject, RejectionComment(application), "Reason.RejectedByApprover"),
            _ => (null, null, null),
        };

        if (outcome is { } rejected)
        {
            // The recorded outcome is in the default language; the e-mail in the maker's.
            var why = reason ?? MailComposer.Text(fallback!, Languages.Default);
            application.Status = ApplicationStatus.Rejected;
            application.Stage = ApplicationStage.Completed;
            application.Outcome = why;
            if (customer.Status == CustomerStatus.Prospect && rejected != DecisionOutcome.Duplicate)
            {
                customer.Status = CustomerStatus.Rejected;
            }

            // An approver's rejection is archived when the task is completed; the automatic ones here.
            if (rejected != DecisionOutcome.Reject)
            {
                cases.Archive(application, context.ElementId, CaseFile.System, rejected, why);
            }

            await cases.NotifyMakerAsync(application, Mails.ApplicationRejected,
                [customer.Name, customer.RegistrationNumber, reason is null ? new MailPhrase(fallback!) : reason], cancellationToken);
        }
        else
        {
            await cases.NotifyMakerAsync(application, Mails.CustomerActivated,
                [customer.Name, customer.RegistrationNumber, application.ApprovedLimit, application.ApprovedTermsDays], cancellationToken);
        }

        cases.Touch(application);
    }

    /// <summary>The approver's comment on the rejection this unit of work archived.</summary>
    private string? RejectionComment(OnboardingApplication application) =>
        cases.Db.Set<CreditDecision>().Local
            .Where(d => d.ApplicationId == application.Id && d.Outcome == DecisionOutcome.Reject)
            .OrderByDescending(d => d.DecidedAt).Select(d => d.Comment).FirstOrDefault(c => c is { Length: > 0 });

    private static string? Text(TaskHandlerContext context, string name) =>
        context.TryGetVariable(name, out var value) && value is string { Length: > 0 } text ? text : null;

    private static string? KnockOutReasons(TaskHandlerContext context) =>
        context.GetVariable(OnboardingProcess.Variables.Scoring) is IDictionary<string, object?> scoring && scoring.TryGetValue("reasons", out var reasons) && reasons is IEnumerable<object?> list
            ? string.Join("; ", list.Select(r => r?.ToString()))
            : null;
}
