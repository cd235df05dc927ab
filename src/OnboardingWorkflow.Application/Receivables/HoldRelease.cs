using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Receivables;

/// <summary>A person's release of one credit hold, with the reason that goes into the audit trail.</summary>
public sealed record ReleaseHoldCommand(string? Reason);

/// <summary>
/// A credit manager (or an admin) lifts one credit hold by hand, with a mandatory reason, audited.
/// <para>
/// A hold placed by an overdue escalation case may be lifted this way (a person overrides any
/// case), and the case's own record says so: a <c>dunning.hold-released-by-hand</c> event on the
/// case, next to the hold's <c>credit-hold.released</c>. The escalation case itself goes on: its
/// letters, follow-up tasks, the legal hand-over and the promise to pay are unchanged, and it
/// releases nothing more when the overdue is cleared. It does not place its hold again when the
/// level rises (<see cref="CreditHolds"/>: a case holds once); only a new case, after the overdue
/// was cleared and came back, can hold the customer again.
/// </para>
/// </summary>
public sealed class HoldRelease(CaseFile cases, CaseAccess access, CreditHolds holds)
{
    public const int MaxReasonLength = 2000;

    public async Task<CreditHoldView> ReleaseAsync(Guid customerId, Guid holdId, ReleaseHoldCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.HoldReleasers, user))
        {
            throw AppException.Forbidden("Credit holds are released by hand by credit managers and admins.");
        }

        var rules = new InputRules();
        var reason = rules.Text("reason", command.Reason, MaxReasonLength, required: true);
        rules.ThrowIfAny();
        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        var hold = await cases.Db.Set<CreditHold>().FirstOrDefaultAsync(h => h.Id == holdId && h.CustomerId == customer.Id, cancellationToken)
            ?? throw AppException.NotFound($"Credit hold {holdId} of {customer.Name}");
        await holds.ReleaseAsync(hold.Id, user, reason!, cancellationToken);
        if (hold.CaseId is { } caseId && hold.Source == CreditHoldSource.Dunning)
        {
            cases.Audit(user.Name, "dunning.hold-released-by-hand", "DunningCase", caseId.ToString(), customer.Id,
                $"credit hold {hold.Id} released by hand: {reason}; the escalation goes on without it");
        }

        await cases.Db.SaveChangesAsync(cancellationToken);
        return CreditHoldQueries.View(hold, customer.Name);
    }
}
