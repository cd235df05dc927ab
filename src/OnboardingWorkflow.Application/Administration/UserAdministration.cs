using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Application.Administration;

/// <summary>
/// Disables, enables, re-roles and signs out users. Every change renews the user's security stamp,
/// so the tokens and cookies issued before stop working (the host checks every request against the stamp), and
/// is audited. The last enabled admin can be neither disabled nor stripped of the Admin role, so the
/// product always keeps someone who can manage users.
/// </summary>
public sealed class UserAdministration(UserManager<AppUser> users, UserProvisioning provisioning, ISessionRevocation sessions, CaseFile cases)
{
    /// <summary>The entity type of user audit events.</summary>
    public const string UserEntity = "User";

    /// <summary>The actor of changes made from the server's command line.</summary>
    public const string CommandLine = "command-line";

    /// <summary>How a change ended.</summary>
    public enum Outcome
    {
        Done,
        NotFound,
        LastAdmin,
        UnknownRole,
    }

    /// <summary>A user as the administration page lists them; <paramref name="LockedOutUntil"/> is set during a temporary lockout.</summary>
    public sealed record UserView(string Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, bool Disabled, DateTimeOffset? LockedOutUntil);

    /// <summary>Every user with roles and state, by e-mail (the user count of a back office is small).</summary>
    public async Task<IReadOnlyList<UserView>> ListAsync(DateTimeOffset now)
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync();
        var views = new List<UserView>();
        foreach (var user in all)
        {
            var disabled = user.IsDisabled();
            views.Add(new UserView(user.Id, user.Email ?? user.UserName ?? user.Id, user.DisplayName, [.. (await users.GetRolesAsync(user)).Order()], disabled,
                !disabled && user.LockoutEnd > now ? user.LockoutEnd : null));
        }

        return views;
    }

    /// <summary>The outcome of a change as the refusal the API gives for it, for clients that show refusals as exceptions.</summary>
    public static AppUser Require((Outcome Outcome, AppUser? User) result, string id) => result.Outcome switch
    {
        Outcome.Done => result.User!,
        Outcome.NotFound => throw AppException.NotFound($"User {id}"),
        Outcome.LastAdmin => throw AppException.Conflict(ErrorCodes.LastAdmin, $"{result.User!.Email} is the last enabled admin; make another user an admin first."),
        _ => throw AppException.InvalidField("roles", FieldText.Format(FieldText.Keys.KnownRoles, FieldText.List(Roles.All))),
    };

    /// <summary>Creates a user with a password and roles (the user name is the e-mail), audited; refuses a taken e-mail or a weak password.</summary>
    public async Task<AppUser> CreateAsync(string email, string password, IReadOnlyCollection<string> roles, string? displayName, string actor)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw AppException.Conflict(ErrorCodes.Duplicate, $"A user with the e-mail {email} exists already.");
        }

        var result = await provisioning.CreateAsync(email, password, roles, displayName);
        if (!result.Succeeded)
        {
            throw AppException.InvalidFields(new Dictionary<string, string[]> { ["user"] = result.Errors.Select(e => e.Description).ToArray() });
        }

        var user = (await users.FindByEmailAsync(email))!;
        cases.Audit(actor, "user.created", UserEntity, user.Id, detail: $"{email}: {string.Join(", ", roles)}");
        await cases.Db.SaveChangesAsync();
        return user;
    }

    public async Task<(Outcome Outcome, AppUser? User)> DisableAsync(string id, string actor)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return (Outcome.NotFound, null);
        }

        if (!user.IsDisabled())
        {
            if (await IsLastEnabledAdminAsync(user))
            {
                return (Outcome.LastAdmin, user);
            }

            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, AccountState.DisabledUntil));
        }

        await RenewAsync(user, actor, "user.disabled", null);
        return (Outcome.Done, user);
    }

    public async Task<(Outcome Outcome, AppUser? User)> EnableAsync(string id, string actor)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return (Outcome.NotFound, null);
        }

        await EndLockoutAsync(user);
        await RenewAsync(user, actor, "user.enabled", null);
        return (Outcome.Done, user);
    }

    /// <summary>Replaces the user's roles with <paramref name="roles"/>.</summary>
    public async Task<(Outcome Outcome, AppUser? User)> SetRolesAsync(string id, IReadOnlyCollection<string> roles, string actor)
    {
        if (roles.Any(r => !Roles.All.Contains(r, StringComparer.Ordinal)))
        {
            return (Outcome.UnknownRole, null);
        }

        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return (Outcome.NotFound, null);
        }

        var before = await users.GetRolesAsync(user);
        var wanted = roles.Distinct(StringComparer.Ordinal).ToList();
        if (before.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin) && await IsLastEnabledAdminAsync(user))
        {
            return (Outcome.LastAdmin, user);
        }

        var removed = before.Except(wanted, StringComparer.Ordinal).ToList();
        var added = wanted.Except(before, StringComparer.Ordinal).ToList();
        if (removed.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, removed));
        }

        if (added.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, added));
        }

        await RenewAsync(user, actor, "user.roles-changed", $"{string.Join(", ", before.Order())} -> {string.Join(", ", wanted.Order())}");
        return (Outcome.Done, user);
    }

    /// <summary>Ends every session of the user: their tokens and cookies are refused from now on.</summary>
    public async Task<(Outcome Outcome, AppUser? User)> RevokeSessionsAsync(string id, string actor)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return (Outcome.NotFound, null);
        }

        await RenewAsync(user, actor, "user.sessions-revoked", null);
        return (Outcome.Done, user);
    }

    /// <summary>Ends a temporary lockout or a disablement; for the operator who has no admin left to ask.</summary>
    public async Task<AppUser?> UnlockAsync(string email, string actor)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return null;
        }

        await EndLockoutAsync(user);
        await RenewAsync(user, actor, "user.unlocked", null);
        return user;
    }

    // Identity refuses to set a lockout end on a user without lockout; such a user has none to end.
    private async Task EndLockoutAsync(AppUser user)
    {
        if (user.LockoutEnabled)
        {
            Check(await users.SetLockoutEndDateAsync(user, null));
        }

        Check(await users.ResetAccessFailedCountAsync(user));
    }

    private async Task<bool> IsLastEnabledAdminAsync(AppUser user)
    {
        if (!await users.IsInRoleAsync(user, Roles.Admin) || user.IsDisabled())
        {
            return false;
        }

        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return !admins.Any(a => a.Id != user.Id && !a.IsDisabled());
    }

    // The audit event is added first so the stamp update's save writes both in one statement batch.
    private async Task RenewAsync(AppUser user, string actor, string action, string? detail)
    {
        cases.Audit(actor, action, UserEntity, user.Id, detail: detail is null ? user.Email : $"{user.Email}: {detail}");
        Check(await users.UpdateSecurityStampAsync(user));
        sessions.Invalidate(user.Id);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The user could not be changed: {UserProvisioning.Describe(result)}");
        }
    }
}
