namespace OnboardingWorkflow.Data.Domain;

/// <summary>Where an order stands: only open orders add to the exposure (a delivered one is invoiced).</summary>
public enum OrderStatus
{
    Open,
    Delivered,
    Cancelled,
}

/// <summary>A customer's order as the order system exported it, known by its external id; amounts in minor units.</summary>
public sealed class CustomerOrder
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public required string ExternalId { get; set; }
    public required string Currency { get; set; }
    public DateOnly OrderDate { get; set; }
    public long AmountMinor { get; set; }
    public OrderStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
