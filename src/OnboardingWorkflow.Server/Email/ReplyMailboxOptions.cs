using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Server.Email;

/// <summary>How the connection to the IMAP server is secured.</summary>
public enum ImapSecurity
{
    /// <summary>TLS from the first byte on port 993, STARTTLS when offered on other ports.</summary>
    Auto,

    /// <summary>Plain text; for a local test server only.</summary>
    None,

    /// <summary>STARTTLS, required.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 993).</summary>
    SslOnConnect,
}

/// <summary>
/// The "EmailReview:Imap" section: the reviewers' mailbox the "email-replies" job reads. No Host: the
/// job does nothing. The password comes from configuration or the environment
/// (EmailReview__Imap__Password), never from a file in the repository.
/// </summary>
public sealed class ReplyMailboxOptions : IValidatableObject
{
    public const string Section = "EmailReview:Imap";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 993;

    public ImapSecurity Security { get; set; } = ImapSecurity.Auto;

    /// <summary>The account, usually the reply address itself.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The folder replies arrive in.</summary>
    public string Folder { get; set; } = "INBOX";

    /// <summary>The folder read replies are moved to; created if missing.</summary>
    public string ProcessedFolder { get; set; } = "Processed";

    /// <summary>Messages one run reads at most; the next run takes the rest.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Limit for connecting and for each IMAP command.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(UserName))
        {
            yield return new ValidationResult("EmailReview:Imap:UserName is required when EmailReview:Imap:Host is set.", [nameof(UserName)]);
        }

        if (string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("EmailReview:Imap:Password is required when EmailReview:Imap:Host is set (set it through the environment, e.g. EmailReview__Imap__Password).", [nameof(Password)]);
        }

        if (string.IsNullOrWhiteSpace(Folder))
        {
            yield return new ValidationResult("EmailReview:Imap:Folder must not be empty.", [nameof(Folder)]);
        }

        if (string.IsNullOrWhiteSpace(ProcessedFolder) || string.Equals(ProcessedFolder, Folder, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult("EmailReview:Imap:ProcessedFolder must be set and differ from EmailReview:Imap:Folder.", [nameof(ProcessedFolder)]);
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("EmailReview:Imap:Timeout must be between 00:00:00.001 and 00:10:00.", [nameof(Timeout)]);
        }
    }
}
