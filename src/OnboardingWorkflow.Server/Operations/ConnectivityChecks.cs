using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Server.Email;

namespace OnboardingWorkflow.Server.Operations;

/// <summary>The outcome of one check: null problem means it passed; <see cref="Detail"/> says what was seen.</summary>
public sealed record CheckResult(string Name, string? Problem, string? Detail = null, bool Skipped = false)
{
    public bool Passed => Problem is null;

    public override string ToString() => !Passed ? $"{Name}: FAIL {Problem}"
        : Skipped ? $"{Name}: skipped ({Detail})"
        : $"{Name}: ok{(Detail is null ? "" : $" ({Detail})")}";
}

/// <summary>
/// The checks of the <c>check</c> command. Each reaches the outside world once, within the
/// configured timeout, changes nothing, and turns every failure into a line naming the settings
/// to look at (never a password).
/// </summary>
public static class ConnectivityChecks
{
    public static CheckResult Configuration(IServiceProvider services)
    {
        var problems = ConfigurationSections.Problems(services);
        return problems.Count == 0
            ? new CheckResult("configuration", null, $"{services.GetServices<BoundSection>().Count()} sections valid")
            : new CheckResult("configuration", string.Join(" ", problems));
    }

    public static async Task<CheckResult> DatabaseAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var options = ConfigurationSections.Read<DatabaseOptions>(services.GetRequiredService<IConfiguration>(), DatabaseOptions.Section);
        var database = DatabaseSchema.Describe(db, options);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.CloseConnectionAsync();
            var pending = await DatabaseSchema.PendingMigrationsAsync(db, cancellationToken);
            if (pending.Count == 0)
            {
                return new CheckResult("database", null, $"{database}, schema up to date");
            }

            return options.MigrateOnStartup
                ? new CheckResult("database", null, $"{database}, {pending.Count} pending migration(s) the server applies at start-up")
                : new CheckResult("database", $"{database} has {pending.Count} pending migration(s) ({string.Join(", ", pending)}) and Database:MigrateOnStartup is false: run the 'migrate' command.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new CheckResult("database", $"cannot open the {DatabaseSchema.Problem(e, database)} (check Database:Provider and Database:ConnectionString)");
        }
    }

    public static async Task<CheckResult> SmtpAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (Options<SmtpOptions>(services) is not { } smtp)
        {
            return new CheckResult("smtp", "not checked: the Smtp settings are invalid (see the configuration line).");
        }

        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var where = $"{smtp.Host}:{smtp.Port}";
        try
        {
            // Connecting reads the greeting and sends EHLO (and STARTTLS when asked for).
            await WithinAsync(smtp.Timeout, cancellationToken, token => client.ConnectAsync(smtp.Host, smtp.Port, MailKitEmailSender.Map(smtp.Security), token));
        }
        catch (Exception e) when (Failed(e, cancellationToken))
        {
            return new CheckResult("smtp", ConnectProblem(e, where, "Smtp:Host", "Smtp:Port", "Smtp:Security", smtp.Timeout));
        }

        if (!string.IsNullOrEmpty(smtp.User))
        {
            try
            {
                await WithinAsync(smtp.Timeout, cancellationToken, token => client.AuthenticateAsync(smtp.User, smtp.Password ?? "", token));
            }
            catch (Exception e) when (Failed(e, cancellationToken))
            {
                return new CheckResult("smtp", $"{where} refused to sign in as {smtp.User}: {Reason(e)} (check Smtp:User and Smtp:Password).");
            }
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        return new CheckResult("smtp", null, string.IsNullOrEmpty(smtp.User) ? $"{where}, no authentication configured" : $"{where}, signed in as {smtp.User}");
    }

    public static async Task<CheckResult> ImapAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (Options<ReplyMailboxOptions>(services) is not { } imap)
        {
            return new CheckResult("imap", "not checked: the EmailReview:Imap settings are invalid (see the configuration line).");
        }

        if (!imap.IsConfigured)
        {
            return new CheckResult("imap", null, "not configured: EmailReview:Imap:Host is empty, replies by e-mail are not read");
        }

        using var client = new ImapClient { Timeout = (int)imap.Timeout.TotalMilliseconds };
        var where = $"{imap.Host}:{imap.Port}";
        try
        {
            await WithinAsync(imap.Timeout, cancellationToken, token => client.ConnectAsync(imap.Host!, imap.Port, ImapReplyMailboxConnector.Map(imap.Security), token));
        }
        catch (Exception e) when (Failed(e, cancellationToken))
        {
            return new CheckResult("imap", ConnectProblem(e, where, "EmailReview:Imap:Host", "EmailReview:Imap:Port", "EmailReview:Imap:Security", imap.Timeout));
        }

        try
        {
            await WithinAsync(imap.Timeout, cancellationToken, token => client.AuthenticateAsync(imap.UserName ?? "", imap.Password ?? "", token));
        }
        catch (Exception e) when (Failed(e, cancellationToken))
        {
            return new CheckResult("imap", $"{where} refused to sign in as {imap.UserName}: {Reason(e)} (check EmailReview:Imap:UserName and EmailReview:Imap:Password).");
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        return new CheckResult("imap", null, $"{where}, signed in as {imap.UserName}");
    }

    /// <summary>The Data Protection keys (cookies, signed e-mail links) live in the database: they must be readable.</summary>
    public static CheckResult DataProtection(IServiceProvider services, CheckResult database)
    {
        if (!database.Passed || database.Detail?.Contains("pending", StringComparison.Ordinal) == true)
        {
            return new CheckResult("data-protection", null, "its table is in the database, whose schema is not current yet", Skipped: true);
        }

        try
        {
            var repository = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository;
            var keys = repository?.GetAllElements().Count ?? 0;
            return new CheckResult("data-protection", null, $"key store in the database, {keys} key(s)");
        }
        catch (Exception e)
        {
            return new CheckResult("data-protection", $"the key store in the database cannot be read: {Reason(e)} (check Database:ConnectionString).");
        }
    }

    private static T? Options<T>(IServiceProvider services) where T : class
    {
        try
        {
            return services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task WithinAsync(TimeSpan limit, CancellationToken cancellationToken, Func<CancellationToken, Task> action)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await action(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {limit}");
        }
    }

    private static bool Failed(Exception e, CancellationToken cancellationToken) => e is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    private static string ConnectProblem(Exception e, string where, string host, string port, string security, TimeSpan timeout) => e switch
    {
        SslHandshakeException => $"{where}: the TLS handshake failed: {Reason(e)} (check {security} and {port}).",
        SmtpProtocolException or ImapProtocolException or NotSupportedException => $"{where}: {Reason(e)} (check {security} and {port}).",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } => $"{where}: the host name is unknown (check {host}).",
        TimeoutException => $"{where}: no answer within {timeout} (check {host}, {port} and the firewall).",
        _ => $"cannot connect to {where}: {Reason(e)} (check {host} and {port}).",
    };

    private static string Reason(Exception e) => e.Message.Split('\n', 2)[0].Trim();
}
