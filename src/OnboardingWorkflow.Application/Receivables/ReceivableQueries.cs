using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Receivables;

/// <summary>
/// A customer's receivables, computed in SQL on the ledger's open-items index: ageing buckets by
/// GROUP BY, sums for the position, open items paged. "As of" a date places the open amounts known
/// now by their days past due on that date (from the application clock); it does not rebuild the
/// ledger of an earlier day.
/// </summary>
public sealed class ReceivableQueries(CaseFile cases, CaseAccess access, IOptions<ReceivablesOptions> options)
{
    public const int MaxPageSize = 100;

    public static readonly IReadOnlyList<string> Buckets = ["current", "1-30", "31-60", "61-90", "90+"];

    public DateOnly Today => DateOnly.FromDateTime(cases.Now.UtcDateTime);

    /// <summary>The customer's ageing, position and a page of open items, for a user who may read the customer; the read is audited.</summary>
    public async Task<CustomerReceivables> CustomerAsync(CurrentUser user, Guid customerId, DateOnly? asOf, int page, int pageSize, CancellationToken cancellationToken)
    {
        var rules = new InputRules();
        rules.Paging(page, pageSize, MaxPageSize);
        rules.DateWithin("asOf", asOf, Today.AddYears(-10), Today.AddYears(1), "the date the ageing is counted at");
        rules.ThrowIfAny();
        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        var date = asOf ?? Today;
        var result = new CustomerReceivables(customer.Id, options.Value.Currency, date, await AgeingAsync(customer.Id, date, cancellationToken),
            await PositionAsync(customer.Id, date, cancellationToken), await OpenItemsAsync(customer.Id, date, page, pageSize, cancellationToken));
        access.AuditRead(user, "receivables", "Customer", customer.Id.ToString(), customer.Id);
        await cases.Db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>Open invoices per bucket of days past due on <paramref name="asOf"/>: one GROUP BY; every bucket is listed, empty ones with zero.</summary>
    public async Task<IReadOnlyList<AgeingBucket>> AgeingAsync(Guid customerId, DateOnly asOf, CancellationToken cancellationToken)
    {
        DateOnly? d30 = asOf.AddDays(-30), d60 = asOf.AddDays(-60), d90 = asOf.AddDays(-90);
        var rows = await Open(customerId, ReceivableKind.Invoice)
            .GroupBy(i => i.DueDate >= asOf ? 0 : i.DueDate >= d30 ? 1 : i.DueDate >= d60 ? 2 : i.DueDate >= d90 ? 3 : 4)
            .Select(g => new { Bucket = g.Key, Invoices = g.Count(), Minor = g.Sum(i => i.OpenMinor) })
            .ToListAsync(cancellationToken);
        return Buckets.Select((name, index) => rows.FirstOrDefault(r => r.Bucket == index) is { } row
            ? new AgeingBucket(name, row.Invoices, Money.FromMinor(row.Minor))
            : new AgeingBucket(name, 0, 0m)).ToList();
    }

    public async Task<ReceivablesPosition> PositionAsync(Guid customerId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var invoices = await OpenMinorAsync(customerId, ReceivableKind.Invoice, null, cancellationToken);
        var credits = await OpenMinorAsync(customerId, ReceivableKind.Payment, null, cancellationToken)
            + await OpenMinorAsync(customerId, ReceivableKind.CreditNote, null, cancellationToken);
        var overdue = await OpenMinorAsync(customerId, ReceivableKind.Invoice, asOf, cancellationToken);
        var orders = await cases.Db.Set<CustomerOrder>().Where(o => o.Status == OrderStatus.Open && o.CustomerId == customerId)
            .SumAsync(o => o.AmountMinor, cancellationToken);
        var receivables = invoices - credits;
        return new ReceivablesPosition(Money.FromMinor(invoices), Money.FromMinor(credits), Money.FromMinor(receivables), Money.FromMinor(overdue),
            Money.FromMinor(orders), Money.FromMinor(receivables + orders));
    }

    /// <summary>The open amount of the customer's items of one kind; with <paramref name="dueBefore"/>, only invoices due before that day.</summary>
    public Task<long> OpenMinorAsync(Guid customerId, ReceivableKind kind, DateOnly? dueBefore, CancellationToken cancellationToken) =>
        Open(customerId, kind).Where(i => dueBefore == null || i.DueDate < dueBefore).SumAsync(i => i.OpenMinor, cancellationToken);

    public async Task<Cases.Page<OpenItemView>> OpenItemsAsync(Guid customerId, DateOnly asOf, int page, int pageSize, CancellationToken cancellationToken)
    {
        // Every kind named, so the open-items index (kind first) serves the query on every provider.
        var items = cases.Db.Set<ReceivableItem>().AsNoTracking().Where(i =>
            (i.Kind == ReceivableKind.Invoice || i.Kind == ReceivableKind.Payment || i.Kind == ReceivableKind.CreditNote) && i.IsOpen && i.CustomerId == customerId);
        var total = await items.CountAsync(cancellationToken);
        var rows = await items.OrderBy(i => i.DueDate ?? i.IssueDate).ThenBy(i => i.ExternalId)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var views = rows.Select(i => new OpenItemView(i.Kind.ToString(), i.ExternalId, i.IssueDate, i.DueDate,
            i.DueDate is { } due ? Math.Max(0, asOf.DayNumber - due.DayNumber) : null, Money.FromMinor(i.AmountMinor), Money.FromMinor(i.OpenMinor))).ToList();
        return new Cases.Page<OpenItemView>(views, total, page, pageSize);
    }

    private IQueryable<ReceivableItem> Open(Guid customerId, ReceivableKind kind) =>
        cases.Db.Set<ReceivableItem>().AsNoTracking().Where(i => i.Kind == kind && i.IsOpen && i.CustomerId == customerId);
}
