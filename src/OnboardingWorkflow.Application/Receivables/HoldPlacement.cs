using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Receivables;

/// <summary>A person's hold on one account, with the reason that goes into the audit trail.</summary>
public sealed record PlaceHoldCommand(string? Reason);

/// <summary>
/// A credit manager (or an admin) puts an account on credit hold by hand, with a mandatory reason,
/// audited: for what no job sees, such as news of a lawsuit or a call from the customer's bank. The
/// hold blocks new credit (the credit check answers <c>credit_hold</c>) until a person releases it
/// (<see cref="HoldRelease"/>); no case releases it. One hold by hand stands at a time: a second
/// is refused, naming the first. Only an active or suspended account can be held; a prospect, a
/// rejected, blocked or exited customer has no credit to stop. No letter goes to the customer: the
/// hold is the company's own decision, told by the account owner as they judge best.
/// </summary>
public sealed class HoldPlacement(CaseFile cases, CaseAccess access, CreditHolds holds)
{
    public const int MaxReasonLength = HoldRelease.MaxReasonLength;

    public async Task<CreditHoldView> PlaceAsync(Guid customerId, PlaceHoldCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.HoldPlacers, user))
        {
            throw AppException.Forbidden("Accounts are put on credit hold by hand by credit managers and admins.");
        }

        var rules = new InputRules();
        var reason = rules.Text("reason", command.Reason, MaxReasonLength, required: true);
        rules.ThrowIfAny();
        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        if (customer.Status is not (CustomerStatus.Active or CustomerStatus.Suspended))
        {
            throw AppException.Conflict(ErrorCodes.InvalidState, $"{customer.Name} is {customer.Status}: only an active or suspended account has credit to hold.");
        }

        var standing = await cases.Db.Set<CreditHold>()
            .FirstOrDefaultAsync(h => h.CustomerId == customer.Id && h.Source == CreditHoldSource.Manual && h.ReleasedAt == null, cancellationToken);
        if (standing is not null)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState,
                $"{customer.Name} has been on hold by hand since {standing.PlacedAt:u} ({standing.PlacedBy}: {standing.Reason}); release that hold first to change it.");
        }

        var hold = await holds.PlaceAsync(customer.Id, CreditHoldSource.Manual, caseId: null, reason!, user.Name, cancellationToken);
        await cases.Db.SaveChangesAsync(cancellationToken);
        return CreditHoldQueries.View(hold, customer.Name);
    }
}
