using OnboardingWorkflow.Application.Administration;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// Checks every authenticated principal, bearer token or cookie alike, against its user's current
/// security stamp and disabled flag (through <see cref="SessionCache"/>). The bearer handler has no
/// hook for this, and the cookie's own stamp validator does not look at the disabled flag, so it
/// runs after authentication, where both schemes pass. A refused caller becomes anonymous: the
/// endpoint's authorization then answers 401 as for any caller without credentials.
/// </summary>
public sealed class SessionValidation(OnboardingDbContext db, SessionCache cache, IOptions<IdentityOptions> identity, ILogger<SessionValidation> logger) : ISessionCheck
{
    /// <summary>Middleware after authentication: replaces a refused user with an anonymous one.</summary>
    public static async Task RefuseStaleSessionsAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && !await context.RequestServices.GetRequiredService<SessionValidation>().IsCurrentAsync(context.User))
        {
            // Setting the user also drops the authentication result, so authorization challenges (401).
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next(context);
    }

    /// <summary>True for principals that are not signed in or whose session still holds.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        var claims = identity.Value.ClaimsIdentity;
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(claims.UserIdClaimType) is not { } userId)
        {
            return true;
        }

        var current = await cache.GetAsync(userId, LoadAsync);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (current is { Disabled: false } && string.Equals(current.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            return true;
        }

        logger.LogInformation("Refused a session of user {UserId}: {Reason}.", userId,
            current is null ? "the user no longer exists" : current.Disabled ? "the user is disabled" : "its sign-in was revoked or its roles changed");
        return false;
    }

    private async Task<SessionCache.Snapshot?> LoadAsync(string userId)
    {
        var row = await db.Set<AppUser>().AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.LockoutEnabled, u.LockoutEnd })
            .FirstOrDefaultAsync();
        return row is null ? null : new SessionCache.Snapshot(row.SecurityStamp, row.LockoutEnabled && AccountState.IsDisabled(row.LockoutEnd));
    }
}
