using System.Security.Claims;

namespace OnboardingWorkflow.Application.Administration;

/// <summary>
/// Whether a signed-in principal's session still holds (user exists, not disabled, sign-in not
/// revoked, roles unchanged). The host implements it once; HTTP requests and the dashboard's
/// long-lived connections both ask it.
/// </summary>
public interface ISessionCheck
{
    Task<bool> IsCurrentAsync(ClaimsPrincipal principal);
}
