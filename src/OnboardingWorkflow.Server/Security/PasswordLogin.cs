using OnboardingWorkflow.Application.Administration;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// Password sign-in that tells a caller nothing about the account: an unknown e-mail, a wrong
/// password, a locked or a disabled account all fail alike and take as long (a password hash is
/// checked on every path, and every failure waits out <see cref="LoginOptions.FailureFloor"/>).
/// Attempts are throttled per account and per address first.
/// </summary>
public sealed class PasswordLogin(SignInManager<AppUser> signIn, UserManager<AppUser> users, LoginThrottle throttle, DummyPasswordHash dummy,
    IOptions<LoginOptions> options)
{
    /// <summary>How a sign-in ended; <paramref name="RetryAfter"/> is set when it was throttled.</summary>
    public sealed record Result(bool Succeeded, TimeSpan? RetryAfter);

    public async Task<Result> SignInAsync(string email, string password, bool useCookies, IPAddress? address)
    {
        var account = users.NormalizeEmail(email) ?? email;
        var from = address?.ToString() ?? "unknown";
        if (!throttle.TryAcquire(account, from, out var retryAfter))
        {
            return new Result(false, retryAfter);
        }

        // Real time, not the product clock: this is about what a caller can measure.
        var watch = Stopwatch.StartNew();
        var user = await users.FindByEmailAsync(email);
        if (user?.UserName is null || await users.IsLockedOutAsync(user))
        {
            // The sign-in manager skips the hash for a locked account; hash anyway so the answer takes as long.
            dummy.Verify(password);
            return await FailedAsync(watch);
        }

        signIn.AuthenticationScheme = useCookies ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(user.UserName, password, isPersistent: useCookies, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            return await FailedAsync(watch);
        }

        throttle.Release(account, from);
        return new Result(true, null);
    }

    private async Task<Result> FailedAsync(Stopwatch watch)
    {
        var remaining = options.Value.FailureFloor - watch.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        return new Result(false, null);
    }
}
