using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// A hash of a random password, made once with the same hasher (and cost) as real ones, to check
/// passwords against when there is no account to check them against.
/// </summary>
public sealed class DummyPasswordHash(IPasswordHasher<AppUser> hasher)
{
    private static readonly AppUser Nobody = new() { UserName = "nobody" };
    private static string? _hash;

    public void Verify(string password)
    {
        var hash = LazyInitializer.EnsureInitialized(ref _hash, () => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
