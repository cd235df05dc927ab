using System.Security.Claims;

namespace OnboardingWorkflow.Server.Api;

/// <summary>The caller of an endpoint as the use cases see them.</summary>
internal static class ApiUser
{
    public static CurrentUser Of(ClaimsPrincipal principal) => CurrentUser.From(principal);
}
