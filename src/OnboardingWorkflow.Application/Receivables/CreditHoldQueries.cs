using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Receivables;

/// <summary>A credit hold as the dashboard and the API show it: who or what placed it, for which case, and its release if any.</summary>
public sealed record CreditHoldView(Guid Id, Guid CustomerId, string CustomerName, string Source, Guid? CaseId, string Reason, string PlacedBy,
    DateTimeOffset PlacedAt, bool InForce, string? ReleasedBy, string? ReleaseReason, DateTimeOffset? ReleasedAt);

/// <summary>Which holds in force to list: optionally one source; a page of them, newest first.</summary>
public sealed record CreditHoldListQuery(CreditHoldSource? Source = null, int Page = 1, int PageSize = 25);

/// <summary>
/// Reads credit holds: every hold in force across the portfolio (filtered and paged in SQL, for the
/// collections readers), and one customer's holds, in force and released (for those who may read
/// the customer; the read is audited).
/// </summary>
public sealed class CreditHoldQueries(CaseFile cases, CaseAccess access)
{
    public const int MaxPageSize = 100;

    public async Task<Page<CreditHoldView>> InForceAsync(CurrentUser user, CreditHoldListQuery query, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.CollectionsReaders, user))
        {
            throw AppException.Forbidden("The list of all credit holds is for credit managers, admins and auditors.");
        }

        var rules = new InputRules();
        rules.Paging(query.Page, query.PageSize, MaxPageSize);
        rules.ThrowIfAny();
        var holds = cases.Db.Set<CreditHold>().AsNoTracking().Where(h => h.ReleasedAt == null);
        if (query.Source is { } source)
        {
            holds = holds.Where(h => h.Source == source);
        }

        var rows = holds.Join(access.VisibleCustomers(user), h => h.CustomerId, c => c.Id, (h, c) => new { Hold = h, c.Name });
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderByDescending(r => r.Hold.PlacedAt).ThenBy(r => r.Hold.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return new Page<CreditHoldView>(page.Select(r => View(r.Hold, r.Name)).ToList(), total, query.Page, query.PageSize);
    }

    /// <summary>The customer's holds: those in force first, then the released ones, newest first in each.</summary>
    public async Task<IReadOnlyList<CreditHoldView>> CustomerAsync(CurrentUser user, Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        var holds = await cases.Db.Set<CreditHold>().AsNoTracking().Where(h => h.CustomerId == customer.Id)
            .OrderBy(h => h.ReleasedAt == null ? 0 : 1).ThenByDescending(h => h.PlacedAt).ThenBy(h => h.Id).ToListAsync(cancellationToken);
        access.AuditRead(user, "credit-holds", "Customer", customer.Id.ToString(), customer.Id);
        await cases.Db.SaveChangesAsync(cancellationToken);
        return holds.Select(h => View(h, customer.Name)).ToList();
    }

    internal static CreditHoldView View(CreditHold h, string customerName) =>
        new(h.Id, h.CustomerId, customerName, h.Source.ToString(), h.CaseId, h.Reason, h.PlacedBy, h.PlacedAt, h.InForce, h.ReleasedBy, h.ReleaseReason, h.ReleasedAt);
}
