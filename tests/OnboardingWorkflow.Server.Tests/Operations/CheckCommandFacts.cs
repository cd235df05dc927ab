using OnboardingWorkflow.Server.Operations;
using OnboardingWorkflow.Server.Tests.Email;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Operations;

/// <summary>The check command against the real test services: PostgreSQL, maildev's SMTP and dovecot's IMAP.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class CheckCommandFacts(MaildevFixture maildev, MailboxFixture mailbox) : IClassFixture<MailboxFixture>
{
    [Fact]
    public async Task Every_check_passes_against_reachable_services()
    {
        var reviewer = mailbox.NewAddress("check");
        await using var server = await OnboardingServer.StartOnPostgreSqlAsync(Settings(maildev.SmtpPort, reviewer, mailbox.Password));
        var (code, stdout, stderr) = await Commands.RunAsync((a, o, e) => OperationCommands.CheckAsync(server.Services, a, o, e));

        Assert.True(code == 0, stdout + stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("configuration: ok", lines[0]);
        Assert.Matches(@"^database: ok \(PostgreSql database owf_api_\w+ on .*127\.0\.0\.1.*, schema up to date\)$", lines[1]);
        Assert.StartsWith("data-protection: ok", lines[2]);
        Assert.Equal($"smtp: ok ({maildev.SmtpHost}:{maildev.SmtpPort}, no authentication configured)", lines[3]);
        Assert.Equal($"imap: ok ({mailbox.Host}:{mailbox.ImapPort}, signed in as {reviewer})", lines[4]);
        Assert.Equal("all checks passed", lines[5]);
    }

    [Fact]
    public async Task A_wrong_port_or_password_is_a_FAIL_line_naming_the_settings()
    {
        var reviewer = mailbox.NewAddress("check");
        // Port 1 on the loopback: nothing listens there (binding it needs a privileged service).
        await using var server = OnboardingServer.Start(Settings(1, reviewer, "not-the-password"));
        var (code, stdout, _) = await Commands.RunAsync((a, o, e) => OperationCommands.CheckAsync(server.Services, a, o, e));

        Assert.Equal(1, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("database: ok (SQLite database ", lines[1]);
        Assert.StartsWith($"smtp: FAIL cannot connect to {maildev.SmtpHost}:1: ", lines[3]);
        Assert.EndsWith("(check Smtp:Host and Smtp:Port).", lines[3]);
        Assert.StartsWith($"imap: FAIL {mailbox.Host}:{mailbox.ImapPort} refused to sign in as {reviewer}: ", lines[4]);
        Assert.EndsWith("(check EmailReview:Imap:UserName and EmailReview:Imap:Password).", lines[4]);
        Assert.DoesNotContain("not-the-password", stdout);
        Assert.Equal("2 check(s) failed", lines[5]);
    }

    private IReadOnlyDictionary<string, string?> Settings(int smtpPort, string reviewer, string imapPassword) => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = maildev.SmtpHost,
        ["Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:Timeout"] = "00:00:10",
        ["EmailReview:Imap:Host"] = mailbox.Host,
        ["EmailReview:Imap:Port"] = mailbox.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["EmailReview:Imap:Security"] = "None",
        ["EmailReview:Imap:UserName"] = reviewer,
        ["EmailReview:Imap:Password"] = imapPassword,
        ["EmailReview:Imap:Timeout"] = "00:00:10",
    };
}
