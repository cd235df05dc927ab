using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace OnboardingWorkflow.Server.Email;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text; for a local relay or a test server only.</summary>
    None,

    /// <summary>STARTTLS, required: refuses to send when the server does not offer it.</summary>
    StartTls,

    /// <summary>STARTTLS when the server offers it, plain text otherwise.</summary>
    StartTlsWhenAvailable,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}

/// <summary>
/// The "Smtp" configuration section: the server the outbox dispatcher sends through, and its
/// retry policy. The password comes from configuration or the environment (Smtp__Password),
/// never from a file in the repository.
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Smtp";

    [Required]
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>User name for SMTP AUTH; no authentication when empty.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address, e.g. "Onboarding &lt;onboarding@example.com&gt;".</summary>
    [Required]
    public string From { get; set; } = "onboarding@localhost";

    /// <summary>Limit for connecting and for each SMTP command.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before a message that keeps failing transiently is marked Failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first transient failure; doubled after each further one.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Messages one dispatcher run sends at most.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How long a dispatcher holds a message it is sending. Another dispatcher may take it over
    /// only after this, so it must be well above the time one send can take.
    /// </summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(From) && !MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"Smtp:From '{From}' is not an e-mail address.", [nameof(From)]);
        }

        if (!string.IsNullOrEmpty(User) && string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Smtp:Password is required when Smtp:User is set (set it through the environment, e.g. Smtp__Password).", [nameof(Password)]);
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("Smtp:Timeout must be between 00:00:00.001 and 00:10:00.", [nameof(Timeout)]);
        }

        if (RetryBaseDelay <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Smtp:RetryBaseDelay must be positive.", [nameof(RetryBaseDelay)]);
        }

        if (RetryMaxDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("Smtp:RetryMaxDelay must not be shorter than Smtp:RetryBaseDelay.", [nameof(RetryMaxDelay)]);
        }

        // Connect, send and quit may each take up to Timeout.
        if (ClaimDuration < Timeout * 3)
        {
            yield return new ValidationResult("Smtp:ClaimDuration must be at least three times Smtp:Timeout.", [nameof(ClaimDuration)]);
        }
    }
}
