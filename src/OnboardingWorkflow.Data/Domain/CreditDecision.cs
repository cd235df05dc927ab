namespace OnboardingWorkflow.Data.Domain;

/// <summary>An entry of the customer's credit archive: who decided what, on which data and policy version.</summary>
public sealed class CreditDecision
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid CustomerId { get; set; }
    public string? TaskId { get; set; }
    public required string ElementId { get; set; }
    public required string DecidedBy { get; set; }
    public DecisionOutcome Outcome { get; set; }
    public string? Comment { get; set; }

    /// <summary>The data the decision was taken on, as JSON.</summary>
    public string? DataJson { get; set; }

    public string? PolicyVersion { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}
