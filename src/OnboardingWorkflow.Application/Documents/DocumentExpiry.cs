namespace OnboardingWorkflow.Application.Documents;

/// <summary>How close a document is to its expiry, as the credit file flags it.</summary>
public enum ExpiryState
{
    /// <summary>The document does not expire.</summary>
    None,
    Valid,

    /// <summary>Expires within <see cref="DocumentExpiry.WarningDays"/> days.</summary>
    ExpiringSoon,

    /// <summary>Expired on or before today: it cannot be verified any more.</summary>
    Expired,
}

/// <summary>
/// The expiry alert of a document: expired on or before today (the day verification refuses it),
/// or expiring within 30 days, so the salesperson asks for a new one before a review needs it.
/// </summary>
public static class DocumentExpiry
{
    public const int WarningDays = 30;

    public static ExpiryState Of(DateOnly? expiresOn, DateOnly today) => expiresOn switch
    {
        null => ExpiryState.None,
        { } d when d <= today => ExpiryState.Expired,
        { } d when d <= today.AddDays(WarningDays) => ExpiryState.ExpiringSoon,
        _ => ExpiryState.Valid,
    };
}
