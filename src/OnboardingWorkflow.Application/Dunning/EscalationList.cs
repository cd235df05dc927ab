using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Dunning;

/// <summary>How the list of open escalation cases is ordered.</summary>
public enum EscalationSort
{
    Level,
    Overdue,
    OldestDue,
    Opened,
    Promised,
    Customer,
}

/// <summary>A page of open escalation cases, in an order; the default puts the highest level and largest overdue first.</summary>
public sealed record EscalationListQuery(EscalationSort Sort = EscalationSort.Level, bool Descending = true, int Page = 1, int PageSize = 25);

/// <summary>An open escalation case: the customer, its level, what is overdue today and since when, and a promise in force.</summary>
public sealed record EscalationCaseRow(Guid CustomerId, string CustomerName, Guid InstanceId, int Level, DateTimeOffset OpenedAt, decimal OverdueAmount,
    DateOnly? OldestDueDate, DateOnly? PromisedUntil, string? PromisedBy);

/// <summary>
/// The running overdue escalation cases across the portfolio, for the collections readers: the
/// overdue amount and oldest due date are subqueries on the open-items index, so counting, sorting
/// and paging all happen in SQL.
/// </summary>
public sealed class EscalationList(CaseFile cases, CaseAccess access)
{
    public const int MaxPageSize = 100;

    public async Task<Page<EscalationCaseRow>> OpenAsync(CurrentUser user, EscalationListQuery query, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.CollectionsReaders, user))
        {
            throw AppException.Forbidden("The list of escalation cases is for credit managers, admins and auditors.");
        }

        var rules = new InputRules();
        rules.Paging(query.Page, query.PageSize, MaxPageSize);
        if (!Enum.IsDefined(query.Sort))
        {
            rules.Add("sort", $"must be one of {string.Join(", ", Enum.GetNames<EscalationSort>())}");
        }

        rules.ThrowIfAny();
        var today = DateOnly.FromDateTime(cases.Now.UtcDateTime);
        var items = cases.Db.Set<ReceivableItem>().AsNoTracking();
        var rows = cases.Db.Set<DunningCase>().AsNoTracking().Where(d => d.Status == DunningCaseStatus.Running)
            .Join(access.VisibleCustomers(user), d => d.CustomerId, c => c.Id, (d, c) => new
            {
                d.CustomerId,
                c.Name,
                d.InstanceId,
                d.Level,
                d.OpenedAt,
                d.PromisedUntil,
                d.PromisedBy,
                Overdue = items.Where(i => i.Kind == ReceivableKind.Invoice && i.IsOpen && i.CustomerId == d.CustomerId && i.DueDate < today)
                    .Sum(i => (long?)i.OpenMinor) ?? 0,
                OldestDue = items.Where(i => i.Kind == ReceivableKind.Invoice && i.IsOpen && i.CustomerId == d.CustomerId && i.DueDate < today)
                    .Min(i => i.DueDate),
            });
        var total = await rows.CountAsync(cancellationToken);
        var ordered = (query.Sort, query.Descending) switch
        {
            (EscalationSort.Overdue, true) => rows.OrderByDescending(r => r.Overdue),
            (EscalationSort.Overdue, false) => rows.OrderBy(r => r.Overdue),
            (EscalationSort.OldestDue, true) => rows.OrderByDescending(r => r.OldestDue),
            (EscalationSort.OldestDue, false) => rows.OrderBy(r => r.OldestDue),
            (EscalationSort.Opened, true) => rows.OrderByDescending(r => r.OpenedAt),
            (EscalationSort.Opened, false) => rows.OrderBy(r => r.OpenedAt),
            (EscalationSort.Promised, true) => rows.OrderByDescending(r => r.PromisedUntil),
            (EscalationSort.Promised, false) => rows.OrderBy(r => r.PromisedUntil),
            (EscalationSort.Customer, true) => rows.OrderByDescending(r => r.Name),
            (EscalationSort.Customer, false) => rows.OrderBy(r => r.Name),
            (_, true) => rows.OrderByDescending(r => r.Level).ThenByDescending(r => r.Overdue),
            (_, false) => rows.OrderBy(r => r.Level).ThenBy(r => r.Overdue),
        };
        var page = await ordered.ThenBy(r => r.CustomerId).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return new Page<EscalationCaseRow>(page.Select(r => new EscalationCaseRow(r.CustomerId, r.Name, r.InstanceId, r.Level, r.OpenedAt,
            Money.FromMinor(r.Overdue), r.OldestDue, r.PromisedUntil, r.PromisedBy)).ToList(), total, query.Page, query.PageSize);
    }
}
