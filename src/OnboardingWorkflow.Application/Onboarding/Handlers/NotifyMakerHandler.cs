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
        var (outcome, reason) = context.ElementId switch
        {
            OnboardingProcess.Endings.Duplicate => ((DecisionOutcome?)DecisionOutcome.Duplicate,
                Text(context, OnboardingProcess.Variables.DuplicateReason) ?? "duplicate application"),
            OnboardingProcess.Endings.NegativeList => (DecisionOutcome.NegativeList,
                Text(context, OnboardingProcess.Variables.NegativeListReason) ?? "the customer is on a negative list"),
            OnboardingProcess.Endings.KnockOut => (DecisionOutcome.KnockedOut, KnockOutReasons(context)),
            OnboardingProcess.Endings.Rejected => (DecisionOutcome.Reject, RejectionComment(application) ?? "rejected by the approver"),
            _ => (null, null),
        };

        if (outcome is { } rejected)
        {
            application.Status = ApplicationStatus.Rejected;
            application.Stage = ApplicationStage.Completed;
            application.Outcome = reason;
            if (customer.Status == CustomerStatus.Prospect && rejected != DecisionOutcome.Duplicate)
            {
                customer.Status = CustomerStatus.Rejected;
            }

            // An approver's rejection is archived when the task is completed; the automatic ones here.
            if (rejected != DecisionOutcome.Reject)
            {
                cases.Archive(application, context.ElementId, CaseFile.System, rejected, reason);
            }

            cases.NotifyMaker(application, $"Application for {customer.Name} rejected",
                $"The onboarding application for {customer.Name} ({customer.RegistrationNumber}) was rejected: {reason}.", "onboarding.rejected");
        }
        else
        {
            cases.NotifyMaker(application, $"{customer.Name} is an active customer",
                $"{customer.Name} ({customer.RegistrationNumber}) is active with a credit limit of {application.ApprovedLimit:N2} on {application.ApprovedTermsDays} days' terms.",
                "onboarding.activated");
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

    private static string KnockOutReasons(TaskHandlerContext context) =>
        context.GetVariable(OnboardingProcess.Variables.Scoring) is IDictionary<string, object?> scoring && scoring.TryGetValue("reasons", out var reasons) && reasons is IEnumerable<object?> list
            ? string.Join("; ", list.Select(r => r?.ToString()))
            : "a knock-out rule fired";
}
