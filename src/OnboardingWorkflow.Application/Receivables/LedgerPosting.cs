using System.Globalization;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using Fields = OnboardingWorkflow.Application.Receivables.ReceivableRowFields;

namespace OnboardingWorkflow.Application.Receivables;

/// <summary>
/// Posts typed rows to the ledger of one import. What is safe to change on a row seen before: the
/// dates of an item, the amount of an item without allocations, an allocation's amount while it
/// fits the open amounts, an order's date, amount and status. Never: the customer of an item or
/// order, nor the amount of an item with allocations (the ledger corrects it with a credit note
/// or another invoice). A row that changes nothing is unchanged.
/// </summary>
internal sealed class LedgerPosting(OnboardingDbContext db, ImportLedger ledger, string currency, DateTimeOffset now)
{
    public List<ReceivableItem> CreatedItems { get; } = [];
    public List<CustomerOrder> CreatedOrders { get; } = [];

    public ImportRowResult Post(ParsedRow row) => row.Kind switch
    {
        ReceivableRowKind.Order => PostOrder(row),
        ReceivableRowKind.PaymentAllocation or ReceivableRowKind.CreditNoteAllocation => PostAllocation(row),
        _ => PostItem(row),
    };

    private ImportRowResult PostItem(ParsedRow row)
    {
        var kind = ImportLedger.ItemKind(row.Kind)!.Value;
        if (CustomerOf(row) is not { } customer)
        {
            return Refusal(row);
        }

        if (!ledger.Items.TryGetValue((kind, row.ExternalId), out var item))
        {
            item = new ReceivableItem
            {
                Id = Guid.CreateVersion7(), CustomerId = customer.Id, Kind = kind, ExternalId = row.ExternalId, Currency = currency,
                IssueDate = row.IssueDate!.Value, DueDate = row.DueDate, CreatedAt = now, UpdatedAt = now,
            };
            item.SetAmount(row.AmountMinor);
            db.Add(item);
            ledger.Items[(kind, row.ExternalId)] = item;
            CreatedItems.Add(item);
            return ImportRowResult.Accepted(row, "created");
        }

        if (item.CustomerId != customer.Id)
        {
            return MovedToAnotherCustomer(row);
        }

        if (item.AmountMinor != row.AmountMinor && item.AllocatedMinor != 0)
        {
            return ImportRowResult.Refused(row, ErrorCodes.ImmutableChange,
                $"{kind} {row.ExternalId} has {Money.Format(item.AllocatedMinor)} allocated, so its amount stays {Money.Format(item.AmountMinor)}: "
                + "send the difference as a CreditNote or another Invoice.", Fields.Amount);
        }

        var changes = new Changes();
        changes.Set(Fields.Amount, item.AmountMinor, row.AmountMinor, item.SetAmount, Money.Format);
        changes.Set(Fields.IssueDate, item.IssueDate, row.IssueDate!.Value, d => item.IssueDate = d);
        changes.Set(Fields.DueDate, item.DueDate, row.DueDate, d => item.DueDate = d);
        return changes.Result(row, () => Touch(item));
    }

    private ImportRowResult PostOrder(ParsedRow row)
    {
        if (CustomerOf(row) is not { } customer)
        {
            return Refusal(row);
        }

        if (!ledger.Orders.TryGetValue(row.ExternalId, out var order))
        {
            order = new CustomerOrder
            {
                Id = Guid.CreateVersion7(), CustomerId = customer.Id, ExternalId = row.ExternalId, Currency = currency, OrderDate = row.IssueDate!.Value,
                AmountMinor = row.AmountMinor, Status = row.Status!.Value, CreatedAt = now, UpdatedAt = now,
            };
            db.Add(order);
            ledger.Orders[row.ExternalId] = order;
            CreatedOrders.Add(order);
            return ImportRowResult.Accepted(row, "created");
        }

        if (order.CustomerId != customer.Id)
        {
            return MovedToAnotherCustomer(row);
        }

        var changes = new Changes();
        changes.Set(Fields.Amount, order.AmountMinor, row.AmountMinor, a => order.AmountMinor = a, Money.Format);
        changes.Set(Fields.IssueDate, order.OrderDate, row.IssueDate!.Value, d => order.OrderDate = d);
        changes.Set(Fields.Status, order.Status, row.Status!.Value, s => order.Status = s);
        return changes.Result(row, () => order.UpdatedAt = now);
    }

    private ImportRowResult PostAllocation(ParsedRow row)
    {
        var sourceKind = ImportLedger.ItemKind(row.Kind)!.Value;
        if (!ledger.Items.TryGetValue((sourceKind, row.ExternalId), out var source))
        {
            return NotOnFile(row, $"{sourceKind} {row.ExternalId}", Fields.ExternalId);
        }

        if (!ledger.Items.TryGetValue((ReceivableKind.Invoice, row.Invoice!), out var invoice))
        {
            return NotOnFile(row, $"Invoice {row.Invoice}", Fields.Invoice);
        }

        var pair = $"{sourceKind} {row.ExternalId} and invoice {row.Invoice}";
        if (source.CustomerId != invoice.CustomerId)
        {
            return ImportRowResult.Refused(row, ErrorCodes.CustomerMismatch, $"{pair} belong to different customers; allocate within one customer.", Fields.Invoice);
        }

        if (source.Currency != invoice.Currency)
        {
            return ImportRowResult.Refused(row, ErrorCodes.CurrencyMismatch, $"{pair} are in {source.Currency} and {invoice.Currency}; allocate within one currency.", Fields.Invoice);
        }

        ledger.Allocations.TryGetValue((source.Id, invoice.Id), out var allocation);
        var added = row.AmountMinor - (allocation?.AmountMinor ?? 0);
        if (added == 0)
        {
            return ImportRowResult.Unchanged(row);
        }

        foreach (var (item, what) in new[] { (invoice, "open"), (source, "unallocated") })
        {
            if (added > item.OpenMinor)
            {
                return ImportRowResult.Refused(row, ErrorCodes.AllocationExceedsOpen,
                    $"{item.Kind} {item.ExternalId} has {Money.Format(item.OpenMinor)} {what}; this allocation adds {Money.Format(added)}.", Fields.Amount);
            }
        }

        invoice.Allocate(added);
        source.Allocate(added);
        Touch(invoice);
        Touch(source);
        if (allocation is not null)
        {
            var before = allocation.AmountMinor;
            allocation.AmountMinor = row.AmountMinor;
            allocation.UpdatedAt = now;
            return ImportRowResult.Accepted(row, $"updated: amount {Money.Format(before)} -> {Money.Format(row.AmountMinor)}");
        }

        allocation = new ReceivableAllocation { Id = Guid.CreateVersion7(), SourceId = source.Id, InvoiceId = invoice.Id, AmountMinor = row.AmountMinor, CreatedAt = now, UpdatedAt = now };
        db.Add(allocation);
        ledger.Allocations[(source.Id, invoice.Id)] = allocation;
        return ImportRowResult.Accepted(row, "created");
    }

    private Customer? CustomerOf(ParsedRow row) =>
        row.Currency == currency && ledger.Customers.TryGetValue(row.RegistrationNumber!, out var customer) ? customer : null;

    /// <summary>Why <see cref="CustomerOf"/> gave no customer: the currency or the registration number.</summary>
    private ImportRowResult Refusal(ParsedRow row) => row.Currency != currency
        ? ImportRowResult.Refused(row, ErrorCodes.CurrencyMismatch,
            $"The ledger is kept in {currency}; this row is in {row.Currency}: convert it to {currency} before the import.", Fields.Currency)
        : ImportRowResult.Refused(row, ErrorCodes.UnknownCustomer,
            $"No customer has the registration number {row.RegistrationNumber}; check it, or onboard the customer first.", Fields.RegistrationNumber);

    private static ImportRowResult MovedToAnotherCustomer(ParsedRow row) =>
        ImportRowResult.Refused(row, ErrorCodes.ImmutableChange,
            $"{row.Kind} {row.ExternalId} is on file for another customer and never moves: cancel or credit it there and create a new one here.", Fields.RegistrationNumber);

    private static ImportRowResult NotOnFile(ParsedRow row, string what, string field) =>
        ImportRowResult.Refused(row, ErrorCodes.UnknownItem, $"{what} is neither on file nor accepted in this import; import it first.", field);

    private void Touch(ReceivableItem item)
    {
        item.Revision++;
        item.UpdatedAt = now;
    }

    /// <summary>The fields a row changes, each applied and described as "field before -> after".</summary>
    private sealed class Changes
    {
        private readonly List<string> _described = [];

        public void Set<T>(string field, T before, T after, Action<T> apply, Func<T, string>? format = null)
        {
            if (EqualityComparer<T>.Default.Equals(before, after))
            {
                return;
            }

            apply(after);
            string Show(T value) => value switch
            {
                null => "none",
                DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => format?.Invoke(value) ?? value.ToString()!,
            };
            _described.Add($"{field} {Show(before)} -> {Show(after)}");
        }

        public ImportRowResult Result(ParsedRow row, Action touch)
        {
            if (_described.Count == 0)
            {
                return ImportRowResult.Unchanged(row);
            }

            touch();
            return ImportRowResult.Accepted(row, "updated: " + string.Join("; ", _described));
        }
    }
}
