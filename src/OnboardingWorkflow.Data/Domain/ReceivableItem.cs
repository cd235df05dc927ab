namespace OnboardingWorkflow.Data.Domain;

/// <summary>What a ledger item is: a claim on the customer (invoice) or money against claims (payment, credit note).</summary>
public enum ReceivableKind
{
    Invoice,
    CreditNote,
    Payment,
}

/// <summary>
/// One item of a customer's receivables ledger, as the accounting system exported it: an invoice,
/// a credit note or a payment, known by its external id (unique per kind). Amounts are kept in
/// minor units (hundredths) so that sums, comparisons and indexes are exact and native on every
/// provider. <see cref="OpenMinor"/> is what is not yet settled (invoice) or not yet allocated
/// (payment, credit note); the item guards it: allocations never take it below zero, and an
/// item with allocations keeps its amount.
/// </summary>
public sealed class ReceivableItem
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public ReceivableKind Kind { get; set; }
    public required string ExternalId { get; set; }

    /// <summary>ISO 4217 code.</summary>
    public required string Currency { get; set; }

    public DateOnly IssueDate { get; set; }

    /// <summary>When an invoice falls due; null for payments and credit notes.</summary>
    public DateOnly? DueDate { get; set; }

    public long AmountMinor { get; private set; }
    public long OpenMinor { get; private set; }

    /// <summary><see cref="OpenMinor"/> above zero, stored so that open items are one index range.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>The dunning level already acted on (0: none), for the dunning job.</summary>
    public int DunningLevel { get; set; }

    /// <summary>Concurrency token: two imports that allocate against the same item cannot both win.</summary>
    public int Revision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public long AllocatedMinor => AmountMinor - OpenMinor;

    /// <summary>Sets the amount of an item without allocations; the open amount follows.</summary>
    public void SetAmount(long amountMinor)
    {
        if (amountMinor <= 0)
        {
            throw new InvalidOperationException($"{Kind} {ExternalId}: the amount must be above zero.");
        }

        if (AllocatedMinor != 0)
        {
            throw new InvalidOperationException($"{Kind} {ExternalId} has allocations: its amount cannot change.");
        }

        AmountMinor = amountMinor;
        Settle(amountMinor);
    }

    /// <summary>Takes <paramref name="minor"/> off the open amount (a negative value gives it back), never below zero nor above the amount.</summary>
    public void Allocate(long minor)
    {
        var open = OpenMinor - minor;
        if (open < 0 || open > AmountMinor)
        {
            throw new InvalidOperationException($"{Kind} {ExternalId}: {minor} allocated against {OpenMinor} open would leave {open}.");
        }

        Settle(open);
    }

    private void Settle(long openMinor)
    {
        OpenMinor = openMinor;
        IsOpen = openMinor > 0;
    }
}
