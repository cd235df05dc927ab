using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OnboardingWorkflow.Application.Administration;

namespace OnboardingWorkflow.Web.Security;

/// <summary>
/// A dashboard connection lives for hours, but its user was read from the cookie once. This provider
/// asks the same session check as every HTTP request, every minute: a disabled user, a revoked
/// sign-in or changed roles end the connection's authentication, and the page sends them to sign in.
/// </summary>
internal sealed class RevalidatingSessionStateProvider(ILoggerFactory loggers, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ISessionCheck>().IsCurrentAsync(state.User);
        }
        catch (ObjectDisposedException e) when (e.ObjectName == nameof(IServiceProvider))
        {
            return true; // the server is stopping, and its connections end with it: nothing is left to check against
        }
    }
}
