namespace OnboardingWorkflow.Data.Domain;

/// <summary>A business customer, known by its registration number.</summary>
public sealed class Customer
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string RegistrationNumber { get; set; }
    public string? Address { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public string? Industry { get; set; }
    public string? BusinessScope { get; set; }
    public string? ContactEmail { get; set; }

    /// <summary>The language letters to the customer are written in ("en", "zh-CN"); null: the configured default.</summary>
    public string? Language { get; set; }

    public CustomerStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The salesperson whose application created the customer: the account's owner.</summary>
    public string? Owner { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
}
