namespace OnboardingWorkflow.Data.Domain;

/// <summary>The internal black list: a registration number or a name, with the reason.</summary>
public sealed class NegativeListEntry
{
    public Guid Id { get; set; }
    public string? RegistrationNumber { get; set; }
    public string? Name { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public required string AddedBy { get; set; }
}
