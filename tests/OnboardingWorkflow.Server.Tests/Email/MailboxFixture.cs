using System.Globalization;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace OnboardingWorkflow.Server.Tests.Email;

/// <summary>
/// The real mailbox the reply-by-e-mail tests deliver to: postfix takes mail for the test domain by
/// SMTP and dovecot serves it by IMAP (deploy/scripts/services/mailbox.sh). Read from the
/// ONBOARDING_TEST_MAILBOX_* variables that test-services.sh prints; when they are not set, the
/// fixture starts the script itself (and stops it afterwards). Each test takes fresh addresses, so
/// tests never see each other's mail. If neither works the tests fail: they are never skipped.
/// </summary>
public sealed class MailboxFixture : IAsyncLifetime
{
    private static readonly ScriptedService Script = new("mailbox.sh", "started: SMTP");
    private bool _acquired;

    public string Host { get; private set; } = "";
    public int SmtpPort { get; private set; }
    public int ImapPort { get; private set; }
    public string Domain { get; private set; } = "";
    public string Password { get; private set; } = "";

    public async Task InitializeAsync()
    {
        IReadOnlyDictionary<string, string> settings = new[] { "HOST", "SMTP_PORT", "IMAP_PORT", "DOMAIN", "PASSWORD" }
            .ToDictionary(name => $"ONBOARDING_TEST_MAILBOX_{name}", name => Environment.GetEnvironmentVariable($"ONBOARDING_TEST_MAILBOX_{name}") ?? "");
        if (settings.Values.Any(string.IsNullOrEmpty))
        {
            settings = await Script.AcquireAsync();
            _acquired = true;
        }

        Host = settings["ONBOARDING_TEST_MAILBOX_HOST"];
        SmtpPort = int.Parse(settings["ONBOARDING_TEST_MAILBOX_SMTP_PORT"], CultureInfo.InvariantCulture);
        ImapPort = int.Parse(settings["ONBOARDING_TEST_MAILBOX_IMAP_PORT"], CultureInfo.InvariantCulture);
        Domain = settings["ONBOARDING_TEST_MAILBOX_DOMAIN"];
        Password = settings["ONBOARDING_TEST_MAILBOX_PASSWORD"];
    }

    public async Task DisposeAsync()
    {
        if (_acquired)
        {
            await Script.ReleaseAsync();
        }
    }

    /// <summary>An address of the test domain nobody has used: a mailbox of its own.</summary>
    public string NewAddress(string name) => $"{name}-{Guid.NewGuid():N}@{Domain}";

    /// <summary>Hands the message to postfix by SMTP, as another mail server would.</summary>
    public async Task DeliverAsync(MimeMessage message)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(Host, SmtpPort, SecureSocketOptions.None);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(quit: true);
    }

    /// <summary>Signs in to the mailbox of <paramref name="address"/> by IMAP.</summary>
    public async Task<ImapClient> OpenAsync(string address)
    {
        var imap = new ImapClient();
        await imap.ConnectAsync(Host, ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(address, Password);
        return imap;
    }

    /// <summary>Waits until the mailbox's inbox holds <paramref name="count"/> messages (delivery is asynchronous).</summary>
    public async Task<int> WaitForInboxAsync(string address, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var imap = await OpenAsync(address);
            await imap.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
            var found = imap.Inbox.Count;
            await imap.DisconnectAsync(quit: true);
            if (found >= count || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(200);
        }
    }
}
