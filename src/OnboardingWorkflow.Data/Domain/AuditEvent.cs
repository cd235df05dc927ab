namespace OnboardingWorkflow.Data.Domain;

/// <summary>One line of the append-only audit trail: reads of confidential data and every change.</summary>
public sealed class AuditEvent : IAppendOnly
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public Guid? CustomerId { get; set; }
    public string? Detail { get; set; }

    /// <summary>How the actor acted when it was not a signed-in session (dashboard or API): "email-link", "email-reply".</summary>
    public string? Channel { get; set; }
}
