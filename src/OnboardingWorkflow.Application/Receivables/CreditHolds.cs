using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Receivables;

/// <summary>
/// Places and releases credit holds, for the dunning and early-warning jobs and the cases they
/// open: placing is idempotent per customer, source and case (a job that runs twice holds once); a
/// case releases the holds it placed, and only those. A case places its hold once in its life: a
/// hold a person released stays released while the case runs (the case does not override the
/// credit manager's decision when its level rises). Each change is audited. Nothing here saves:
/// the caller's unit of work does.
/// </summary>
public sealed class CreditHolds(CaseFile cases)
{
    public Task<List<CreditHold>> InForceAsync(Guid customerId, CancellationToken cancellationToken) =>
        cases.Db.Set<CreditHold>().Where(h => h.CustomerId == customerId && h.ReleasedAt == null).OrderBy(h => h.PlacedAt).ToListAsync(cancellationToken);

    public async Task<CreditHold> PlaceAsync(Guid customerId, CreditHoldSource source, Guid? caseId, string reason, string by, CancellationToken cancellationToken)
    {
        // A case's hold counts as placed even when released (by a person: the case itself releases only as it ends).
        var placed = cases.Db.Set<CreditHold>().Local.FirstOrDefault(h => h.CustomerId == customerId && h.Source == source && h.CaseId == caseId && (h.InForce || caseId != null))
            ?? await cases.Db.Set<CreditHold>().FirstOrDefaultAsync(h => h.CustomerId == customerId && h.Source == source && h.CaseId == caseId
                && (h.ReleasedAt == null || caseId != null), cancellationToken);
        if (placed is not null)
        {
            return placed;
        }

        var hold = new CreditHold
        {
            Id = Guid.CreateVersion7(), CustomerId = customerId, Source = source, CaseId = caseId, Reason = reason, PlacedBy = by, PlacedAt = cases.Now,
        };
        cases.Db.Add(hold);
        cases.Audit(by, "credit-hold.placed", "CreditHold", hold.Id.ToString(), customerId, $"{source}: {reason}");
        return hold;
    }

    /// <summary>Releases every hold in force that the case placed; none is no error (released already, or never placed).</summary>
    public async Task<IReadOnlyList<CreditHold>> ReleaseForCaseAsync(Guid caseId, string by, string reason, CancellationToken cancellationToken)
    {
        var holds = await cases.Db.Set<CreditHold>().Where(h => h.CaseId == caseId && h.ReleasedAt == null).ToListAsync(cancellationToken);
        foreach (var hold in holds)
        {
            Release(hold, by, reason, caseId);
        }

        return holds;
    }

    /// <summary>A person releases one hold, whoever placed it: a credit manager or an admin, with a reason.</summary>
    public async Task<CreditHold> ReleaseAsync(Guid holdId, CurrentUser user, string reason, CancellationToken cancellationToken)
    {
        if (!Access.Policies.Allows(Access.Policies.HoldReleasers, user))
        {
            throw AppException.Forbidden("Credit holds are released by credit managers and admins.");
        }

        var hold = await cases.Db.Set<CreditHold>().FindAsync([holdId], cancellationToken) ?? throw AppException.NotFound($"Credit hold {holdId}");
        if (!hold.InForce)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState, $"The credit hold was released by {hold.ReleasedBy} at {hold.ReleasedAt:u}.");
        }

        Release(hold, user.Name, reason, null);
        return hold;
    }

    private void Release(CreditHold hold, string by, string reason, Guid? caseId)
    {
        hold.Release(by, reason, caseId, cases.Now);
        cases.Audit(by, "credit-hold.released", "CreditHold", hold.Id.ToString(), hold.CustomerId, reason);
    }
}
