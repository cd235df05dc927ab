namespace OnboardingWorkflow.Data.Domain;

/// <summary>Statements as the credit library reads them (its JSON dialect), submitted for an application.</summary>
public sealed class FinancialStatementSet
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public required string Currency { get; set; }
    public required string StatementsJson { get; set; }
    public required string SubmittedBy { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
}
