using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Notifications;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.LimitChanges.Handlers;

/// <summary>
/// applyLimitChange: puts the approved change into force — the profile's limit (a temporary
/// limit remembers the one to return to), or the customer's suspension or reinstatement — and
/// appends it to the limit history and the archive with who decided it and why.
/// </summary>
public sealed class ApplyLimitChangeHandler(CaseFile cases, LimitChangeRules rules) : IOnboardingTaskHandler
{
    public string Name => "applyLimitChange";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var change = await rules.ChangeAsync(context.BusinessKey, cancellationToken);
        var customer = await cases.CustomerAsync(change.CustomerId, cancellationToken);
        var profile = await cases.Db.Set<CreditProfile>().FirstAsync(p => p.CustomerId == change.CustomerId, cancellationToken);
        var approvals = await rules.RoundApprovalsAsync(change, cancellationToken);
        var deciders = string.Join(", ", approvals.Select(a => a.DecidedBy).Distinct(StringComparer.OrdinalIgnoreCase));
        var reason = $"{change.Reason} (approved by {deciders})";
        var previous = profile.CreditLimit;
        decimal? approved = null;
        switch (change.Kind)
        {
            case LimitChangeKind.Suspension:
                customer.Status = CustomerStatus.Suspended;
                cases.RecordLimit(customer.Id, change.Id, "Suspension", previous, 0m, deciders, reason);
                break;
            case LimitChangeKind.Reinstatement:
                customer.Status = CustomerStatus.Active;
                cases.RecordLimit(customer.Id, change.Id, "Reinstatement", 0m, previous, deciders, reason);
                break;
            default:
                approved = await rules.ApprovedLimitAsync(change, cancellationToken)
                    ?? throw new InvalidOperationException($"Limit change {change.Id} reached its application without an approved limit.");
                if (change.Kind == LimitChangeKind.TemporaryIncrease)
                {
                    profile.LimitAfterTemporary = previous;
                    profile.TemporaryUntil = change.TemporaryUntil;
                }

                profile.CreditLimit = approved.Value;
                cases.RecordLimit(customer.Id, change.Id, change.Kind.ToString(), previous, approved.Value, deciders, reason, change.TemporaryUntil);
                break;
        }

        profile.UpdatedAt = cases.Now;
        var outcome = change.Kind switch
        {
            LimitChangeKind.Suspension => "suspended",
            LimitChangeKind.Reinstatement => $"reinstated with a limit of {previous:N2}",
            LimitChangeKind.TemporaryIncrease => $"limit {approved:N2} until {change.TemporaryUntil:yyyy-MM-dd}, then {previous:N2}",
            _ => $"limit {previous:N2} -> {approved:N2}",
        };
        change.Approve(approved, outcome, cases.Now);
        cases.Archive(change, context.ElementId, CaseFile.System, DecisionOutcome.LimitChanged, outcome,
            new { kind = change.Kind.ToString(), previousLimit = previous, newLimit = approved, change.TemporaryUntil, deciders });
        var told = change.Kind switch
        {
            LimitChangeKind.Suspension => new MailPhrase("Outcome.Suspended"),
            LimitChangeKind.Reinstatement => new MailPhrase("Outcome.Reinstated", previous),
            LimitChangeKind.TemporaryIncrease => new MailPhrase("Outcome.Temporary", approved, change.TemporaryUntil, previous),
            _ => new MailPhrase("Outcome.Changed", previous, approved),
        };
        await cases.NotifyAsync(change.RequestedBy, Mails.LimitChangeApproved, [customer.Name, MailPhrase.Of(change.Kind), told], change.Id.ToString(), cancellationToken);
    }
}
