using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Application.Notifications;

namespace OnboardingWorkflow.Application.LimitChanges.Handlers;

/// <summary>limitChangeRejected: closes the change as rejected and tells the requester; the limit stays.</summary>
public sealed class LimitChangeRejectedHandler(CaseFile cases, LimitChangeRules rules) : IOnboardingTaskHandler
{
    public string Name => "limitChangeRejected";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var change = await rules.ChangeAsync(context.BusinessKey, cancellationToken);
        var customer = await cases.CustomerAsync(change.CustomerId, cancellationToken);
        var rejection = cases.Db.Set<CreditDecision>().Local
            .Where(d => d.LimitChangeId == change.Id && d.Outcome == DecisionOutcome.Reject)
            .Select(d => $"{d.DecidedBy}: {d.Comment ?? "no comment"}").FirstOrDefault() ?? "rejected";
        change.Reject(rejection, cases.Now);
        await cases.NotifyAsync(change.RequestedBy, Mails.LimitChangeRejected, [customer.Name, MailPhrase.Of(change.Kind), rejection, change.CurrentLimit],
            change.Id.ToString(), cancellationToken);
    }
}
