using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// The "Security:Sessions" section: how long a signed-in request may trust what it last read of its
/// user (security stamp, disabled flag). A disabled or changed user's tokens and cookies stop
/// working within this interval on every server; on the server that made the change, at once.
/// </summary>
public sealed class SessionOptions
{
    public const string Section = "Security:Sessions";

    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "Security:Sessions:ValidationInterval must be between 1 ms and 1 minute.")]
    public TimeSpan ValidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
