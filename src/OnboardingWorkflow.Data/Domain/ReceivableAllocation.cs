namespace OnboardingWorkflow.Data.Domain;

/// <summary>
/// Part of a payment or credit note (<see cref="SourceId"/>) applied to an invoice; one per pair.
/// The amount is in minor units; both items' open amounts carry it.
/// </summary>
public sealed class ReceivableAllocation
{
    public Guid Id { get; set; }
    public Guid SourceId { get; set; }
    public Guid InvoiceId { get; set; }
    public long AmountMinor { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
