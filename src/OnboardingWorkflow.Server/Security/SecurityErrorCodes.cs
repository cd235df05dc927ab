namespace OnboardingWorkflow.Server.Security;

/// <summary>The <c>code</c> of the problems that sign-in and user administration add; stable, clients match on them.</summary>
public static class SecurityErrorCodes
{
    /// <summary>429: too many sign-in attempts for the account or from the address; see Retry-After.</summary>
    public const string TooManyRequests = "too_many_requests";

    /// <summary>409: the change would leave no enabled admin.</summary>
    public const string LastAdmin = "last_admin";
}
