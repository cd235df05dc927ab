using Microsoft.AspNetCore.Components.Authorization;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Common;

namespace OnboardingWorkflow.Web.Security;

/// <summary>
/// The signed-in user of a dashboard connection, as the use cases see them. Every action checks its
/// policy here before calling a use case, as the matching API endpoint does: a hidden button is
/// never the only guard.
/// </summary>
public sealed class DashboardUser(AuthenticationStateProvider authentication)
{
    public async Task<CurrentUser> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (state.User.Identity?.IsAuthenticated != true)
        {
            throw AppException.Forbidden("Sign in again: the session has ended.", ErrorCodes.Unauthorized);
        }

        return CurrentUser.From(state.User);
    }

    /// <summary>The user, when they pass <paramref name="policy"/>; otherwise the same refusal the API gives.</summary>
    public async Task<CurrentUser> RequireAsync(string policy)
    {
        var user = await GetAsync();
        if (!Policies.Allows(policy, user))
        {
            throw AppException.Forbidden($"{user.Name} may not do this: it needs one of the roles {string.Join(", ", Policies.Table[policy])}.");
        }

        return user;
    }
}
