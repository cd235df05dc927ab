using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Application.Administration;

/// <summary>
/// Whether a user is disabled. Disabling is a lockout that never ends (lockout end
/// <see cref="DateTimeOffset.MaxValue"/>), so it needs no column of its own; a temporary lockout
/// after wrong passwords ends within minutes and is not "disabled".
/// </summary>
public static class AccountState
{
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    // The database keeps lockout ends with less precision than MaxValue has, so compare by year.
    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd is { Year: >= 9999 };

    public static bool IsDisabled(this AppUser user) => user.LockoutEnabled && IsDisabled(user.LockoutEnd);
}
