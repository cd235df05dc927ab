namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>
/// Signs the decision links sent by e-mail: a token names its <see cref="Data.Domain.EmailActionToken"/>
/// row and carries its expiry under a signature with a key the server rotates (the host uses ASP.NET
/// Data Protection). A token that was altered, signed with an unknown key or has expired does not unprotect.
/// </summary>
public interface ITokenProtector
{
    string Protect(Guid id, DateTimeOffset expires);

    /// <summary>The row the token names, or null when it is not genuine or has expired.</summary>
    Guid? Unprotect(string token);

    /// <summary>
    /// The row a genuine token names and whether its signed expiry has passed (so a person can be told
    /// "expired" rather than "invalid"); null when it is not genuine.
    /// </summary>
    (Guid Id, bool Expired)? Open(string token) => Unprotect(token) is { } id ? (id, false) : null;
}
