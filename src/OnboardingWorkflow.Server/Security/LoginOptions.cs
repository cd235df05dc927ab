using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// The "Security:Login" section: sign-in throttling per account and per client address, and the
/// account lockout after repeated wrong passwords. The lockout is bounded so that nobody, not even
/// the last admin, can be locked out for longer than a quarter of an hour.
/// </summary>
public sealed class LoginOptions
{
    public const string Section = "Security:Login";

    /// <summary>Sign-in attempts per e-mail address and window; successful ones are given back.</summary>
    [Range(1, 1000)]
    public int AttemptsPerAccount { get; set; } = 5;

    /// <summary>Sign-in attempts per client address and window; successful ones are given back.</summary>
    [Range(1, 100_000)]
    public int AttemptsPerAddress { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Wrong passwords in a row before the account is locked for <see cref="LockoutDuration"/>.</summary>
    [Range(3, 100)]
    public int MaxFailedAttempts { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:01:00", "00:15:00", ErrorMessage = "Security:Login:LockoutDuration must be between 1 and 15 minutes.")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A failed sign-in answers no sooner than this after it began. The password hash costs the same
    /// on every path, but only an existing account records its failure in the database; the floor
    /// hides that difference (and slows guessing). Zero turns it off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan FailureFloor { get; set; } = TimeSpan.FromMilliseconds(500);
}
