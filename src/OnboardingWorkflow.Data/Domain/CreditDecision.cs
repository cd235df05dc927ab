namespace OnboardingWorkflow.Data.Domain;

/// <summary>An entry of the customer's credit archive: who decided what, on which data and policy version.</summary>
public sealed class CreditDecision
{
    public Guid Id { get; set; }
    /// <summary>The onboarding application the decision belongs to, or null for a limit change or a review.</summary>
    public Guid? ApplicationId { get; set; }

    /// <summary>The limit change the decision belongs to, or null otherwise.</summary>
    public Guid? LimitChangeId { get; set; }

    /// <summary>The periodic review the decision belongs to, if any.</summary>
    public Guid? ReviewCaseId { get; set; }

    /// <summary>The remediation case (its workflow instance) the decision belongs to, if any.</summary>
    public Guid? RemediationInstanceId { get; set; }
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

    /// <summary>How the decision was taken when not in a signed-in session (dashboard or API): "email-link", "email-reply".</summary>
    public string? Channel { get; set; }
}
