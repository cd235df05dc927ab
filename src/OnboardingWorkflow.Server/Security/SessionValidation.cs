using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
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
/// runs here, where both schemes pass. A refused principal becomes anonymous: the endpoint's
/// authorization then answers 401 as for any caller without credentials.
/// </summary>
public sealed class SessionValidation(OnboardingDbContext db, SessionCache cache, IOptions<IdentityOptions> identity, ILogger<SessionValidation> logger)
    : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        var claims = identity.Value.ClaimsIdentity;
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(claims.UserIdClaimType) is not { } userId)
        {
            return principal;
        }

        var current = await cache.GetAsync(userId, LoadAsync);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (current is { Disabled: false } && string.Equals(current.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            return principal;
        }

        logger.LogInformation("Refused a session of user {UserId}: {Reason}.", userId,
            current is null ? "the user no longer exists" : current.Disabled ? "the user is disabled" : "its sign-in was revoked or its roles changed");
        return new ClaimsPrincipal(new ClaimsIdentity());
    }

    private async Task<SessionCache.Snapshot?> LoadAsync(string userId)
    {
        var row = await db.Set<AppUser>().AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.LockoutEnabled, u.LockoutEnd })
            .FirstOrDefaultAsync();
        return row is null ? null : new SessionCache.Snapshot(row.SecurityStamp, row.LockoutEnabled && AccountState.IsDisabled(row.LockoutEnd));
    }
}
