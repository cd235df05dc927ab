using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Receivables;

/// <summary>
/// The ledger rows one import touches: its customers, items, allocations and orders, read in a few
/// queries of at most <see cref="ChunkSize"/> keys each and tracked for change. Rows the import
/// creates join them, so a later row of the batch sees an earlier one.
/// </summary>
internal sealed class ImportLedger
{
    private const int ChunkSize = 500;

    public Dictionary<string, Customer> Customers { get; } = new(StringComparer.Ordinal);
    public Dictionary<(ReceivableKind Kind, string ExternalId), ReceivableItem> Items { get; } = [];
    public Dictionary<(Guid Source, Guid Invoice), ReceivableAllocation> Allocations { get; } = [];
    public Dictionary<string, CustomerOrder> Orders { get; } = new(StringComparer.Ordinal);

    /// <summary>The ledger kind of an item row, and the source kind of an allocation row; null for orders.</summary>
    public static ReceivableKind? ItemKind(ReceivableRowKind kind) => kind switch
    {
        ReceivableRowKind.Invoice => ReceivableKind.Invoice,
        ReceivableRowKind.CreditNote or ReceivableRowKind.CreditNoteAllocation => ReceivableKind.CreditNote,
        ReceivableRowKind.Payment or ReceivableRowKind.PaymentAllocation => ReceivableKind.Payment,
        _ => null,
    };

    public static async Task<ImportLedger> LoadAsync(OnboardingDbContext db, IReadOnlyList<ParsedRow> rows, CancellationToken cancellationToken)
    {
        var ledger = new ImportLedger();
        var registrations = rows.Select(r => r.RegistrationNumber).OfType<string>().Distinct(StringComparer.Ordinal);
        foreach (var customer in await ChunkedAsync(registrations, chunk => db.Set<Customer>().Where(c => chunk.Contains(c.RegistrationNumber)), cancellationToken))
        {
            ledger.Customers[customer.RegistrationNumber] = customer;
        }

        foreach (var kind in Enum.GetValues<ReceivableKind>())
        {
            var ids = rows.SelectMany(ItemKeys).Where(k => k.Kind == kind).Select(k => k.ExternalId).Distinct(StringComparer.Ordinal);
            foreach (var item in await ChunkedAsync(ids, chunk => db.Set<ReceivableItem>().Where(i => i.Kind == kind && chunk.Contains(i.ExternalId)), cancellationToken))
            {
                ledger.Items[(item.Kind, item.ExternalId)] = item;
            }
        }

        var sources = rows.Where(r => r.IsAllocation).Select(r => ledger.Items.GetValueOrDefault((ItemKind(r.Kind)!.Value, r.ExternalId))?.Id).OfType<Guid>().Distinct();
        foreach (var allocation in await ChunkedAsync(sources, chunk => db.Set<ReceivableAllocation>().Where(a => chunk.Contains(a.SourceId)), cancellationToken))
        {
            ledger.Allocations[(allocation.SourceId, allocation.InvoiceId)] = allocation;
        }

        var orders = rows.Where(r => r.Kind == ReceivableRowKind.Order).Select(r => r.ExternalId).Distinct(StringComparer.Ordinal);
        foreach (var order in await ChunkedAsync(orders, chunk => db.Set<CustomerOrder>().Where(o => chunk.Contains(o.ExternalId)), cancellationToken))
        {
            ledger.Orders[order.ExternalId] = order;
        }

        return ledger;
    }

    /// <summary>
    /// Whether another writer stored one of the items or orders this import created, after this
    /// import read the ledger: the unique keys then refuse our insert, and importing again is the answer.
    /// </summary>
    public static async Task<bool> LostARaceAsync(OnboardingDbContext db, IEnumerable<ReceivableItem> created, IEnumerable<CustomerOrder> createdOrders,
        CancellationToken cancellationToken)
    {
        foreach (var group in created.GroupBy(i => i.Kind))
        {
            var kind = group.Key;
            var taken = await ChunkedAsync(group.Select(i => i.ExternalId),
                chunk => db.Set<ReceivableItem>().AsNoTracking().Where(i => i.Kind == kind && chunk.Contains(i.ExternalId)), cancellationToken);
            if (taken.Count > 0)
            {
                return true;
            }
        }

        var orders = await ChunkedAsync(createdOrders.Select(o => o.ExternalId), chunk => db.Set<CustomerOrder>().AsNoTracking().Where(o => chunk.Contains(o.ExternalId)),
            cancellationToken);
        return orders.Count > 0;
    }

    private static IEnumerable<(ReceivableKind Kind, string ExternalId)> ItemKeys(ParsedRow row)
    {
        if (ItemKind(row.Kind) is { } kind)
        {
            yield return (kind, row.ExternalId);
        }

        if (row.IsAllocation)
        {
            yield return (ReceivableKind.Invoice, row.Invoice!);
        }
    }

    private static async Task<List<T>> ChunkedAsync<TKey, T>(IEnumerable<TKey> keys, Func<TKey[], IQueryable<T>> query, CancellationToken cancellationToken)
    {
        var found = new List<T>();
        foreach (var chunk in keys.Chunk(ChunkSize))
        {
            found.AddRange(await query(chunk).ToListAsync(cancellationToken));
        }

        return found;
    }
}
