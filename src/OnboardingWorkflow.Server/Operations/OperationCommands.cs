using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data;

namespace OnboardingWorkflow.Server.Operations;

/// <summary>
/// The operator's commands of the server executable, run before the server touches the database
/// and exiting when done: <c>check</c> (configuration, database, SMTP, IMAP, key store; one line
/// each), <c>migrate</c> (the schema, for servers started with Database:MigrateOnStartup false) and
/// <c>backup FILE [--force]</c> (an online copy of a SQLite database). Exit codes: 0 done,
/// 1 failed, 2 usage error. See deploy/OPERATIONS.md.
/// </summary>
public static class OperationCommands
{
    public const string Check = "check";
    public const string Migrate = "migrate";
    public const string Backup = "backup";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] is Check or Migrate or Backup;

    /// <summary>A command prints what the operator needs; the server's log (EF's failures with their stack traces) would bury it.</summary>
    public static void QuietLogging(WebApplicationBuilder builder, string[] args)
    {
        if (IsRequested(args))
        {
            builder.Logging.ClearProviders();
        }
    }

    public static async Task RunIfRequestedAsync(WebApplication app, string[] args)
    {
        if (!IsRequested(args))
        {
            return;
        }

        var rest = args.Skip(1).ToArray();
        var exitCode = args[0] switch
        {
            Check => await CheckAsync(app.Services, rest, Console.Out, Console.Error),
            Migrate => await MigrateAsync(app.Services, rest, Console.Out, Console.Error),
            _ => await BackupAsync(app.Services, rest, Console.Out, Console.Error),
        };
        Environment.Exit(exitCode);
    }

    /// <summary>Runs every check and prints one line each; 0 when all pass, 1 otherwise.</summary>
    public static async Task<int> CheckAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        if (args.Length > 0)
        {
            await stderr.WriteLineAsync($"usage: {Check}   (takes no options; settings come from the configuration)");
            return 2;
        }

        var database = await ConnectivityChecks.DatabaseAsync(services, cancellationToken);
        CheckResult[] results =
        [
            ConnectivityChecks.Configuration(services),
            database,
            ConnectivityChecks.DataProtection(services, database),
            await ConnectivityChecks.SmtpAsync(services, cancellationToken),
            await ConnectivityChecks.ImapAsync(services, cancellationToken),
        ];
        foreach (var result in results)
        {
            await stdout.WriteLineAsync(result.ToString());
        }

        var failed = results.Count(r => !r.Passed);
        await stdout.WriteLineAsync(failed == 0 ? "all checks passed" : $"{failed} check(s) failed");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Applies the pending migrations (and Hangfire's schema on a database server); 0 when the schema is current.</summary>
    public static async Task<int> MigrateAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        if (args.Length > 0)
        {
            await stderr.WriteLineAsync($"usage: {Migrate}   (takes no options; the database comes from the Database settings)");
            return 2;
        }

        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var database = DatabaseSchema.Describe(db, options);
        try
        {
            var applied = await DatabaseSchema.MigrateAsync(db, cancellationToken);
            foreach (var name in applied)
            {
                await stdout.WriteLineAsync($"applied {name}");
            }

            if (DatabaseSchema.InstallJobStorage(options) is { } jobs)
            {
                await stdout.WriteLineAsync($"{jobs} is current");
            }

            await stdout.WriteLineAsync(applied.Count == 0 ? $"{database}: up to date" : $"{database}: {applied.Count} migration(s) applied");
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"{Migrate}: failed on the {DatabaseSchema.Problem(e, database)} (check Database:Provider and Database:ConnectionString)");
            return 1;
        }
    }

    /// <summary>Copies the SQLite database to FILE while the server may run; 0 when the copy passed its integrity check.</summary>
    public static async Task<int> BackupAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var force = args.Contains("--force");
        var files = args.Where(a => a != "--force").ToArray();
        if (files is not [var target] || target.StartsWith("--", StringComparison.Ordinal))
        {
            await stderr.WriteLineAsync($"usage: {Backup} FILE [--force]   (--force replaces an existing FILE)");
            return 2;
        }

        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            await stderr.WriteLineAsync($"{Backup}: the database is {options.Provider}: back it up with its own tools "
                + (options.Provider == DatabaseProvider.PostgreSql ? "(pg_dump -Fc)" : "(BACKUP DATABASE ... TO DISK)") + "; see deploy/OPERATIONS.md.");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var outcome = await SqliteBackup.RunAsync(db.Database.GetConnectionString()!, Path.GetFullPath(target), force, cancellationToken);
        await (outcome.Succeeded ? stdout : stderr).WriteLineAsync(outcome.Succeeded ? outcome.Message : $"{Backup}: {outcome.Message}");
        return outcome.Succeeded ? 0 : outcome.UsageError ? 2 : 1;
    }
}
