namespace OnboardingWorkflow.Data.Domain;

/// <summary>
/// One entry of a customer's limit history: the limit before and after, who decided it, why,
/// and until when a temporary limit holds. Append-only: the history is evidence.
/// </summary>
public sealed class CreditLimitRecord : IAppendOnly
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }

    /// <summary>The onboarding application or limit change that set it.</summary>
    public Guid? CaseId { get; set; }

    /// <summary>What set it: onboarding, a limit change kind, or the end of a temporary increase.</summary>
    public required string Source { get; set; }

    public decimal PreviousLimit { get; set; }
    public decimal NewLimit { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public required string DecidedBy { get; set; }
    public string? Reason { get; set; }
    public string? PolicyVersion { get; set; }
    public DateTimeOffset EffectiveAt { get; set; }
}
