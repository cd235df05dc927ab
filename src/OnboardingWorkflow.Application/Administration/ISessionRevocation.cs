namespace OnboardingWorkflow.Application.Administration;

/// <summary>
/// Forgets what the host remembers of a user's sessions, so a change to the user (disabled,
/// roles changed, sessions revoked) takes effect on this server at once; other servers notice
/// within their validation interval.
/// </summary>
public interface ISessionRevocation
{
    void Invalidate(string userId);
}
