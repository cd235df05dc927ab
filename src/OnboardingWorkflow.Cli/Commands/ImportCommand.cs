using System.Net.Http.Headers;
using System.Text.Json;
using OnboardingWorkflow.Cli.Commands.Server;

namespace OnboardingWorkflow.Cli.Commands;

/// <summary>
/// <c>owf import receivables FILE --server URL</c>: signs in to a server and posts a receivables CSV
/// to POST /api/receivables/import, then prints the server's report, one line per row. The
/// password is read from <see cref="PasswordVariable"/> only: a command line is seen by every user
/// of the machine (ps) and kept in shell histories.
/// </summary>
public sealed class ImportCommand(Func<string, string?> environment) : ICliCommand
{
    public const string PasswordVariable = "OWF_PASSWORD";
    public const string UserVariable = "OWF_USER";

    public ImportCommand()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    public string Name => "import";

    public string Usage => "import receivables FILE.csv --server URL [--user EMAIL]";

    public string Summary =>
        $"Import invoices, credit notes, payments, allocations and orders from a CSV into a server; prints a line per row. User from --user or {UserVariable}, password from {PasswordVariable}.";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var (file, server, user) = Arguments(args);
        var password = environment(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            throw new UsageException($"set the password in the {PasswordVariable} environment variable (it is never taken on the command line)");
        }

        if (!File.Exists(file))
        {
            stderr.WriteLine($"owf import: {file} does not exist");
            return ExitCodes.Failed;
        }

        try
        {
            using var client = new ServerClient(server);
            client.SignInAsync(user, password, CancellationToken.None).GetAwaiter().GetResult();
            var content = new ByteArrayContent(File.ReadAllBytes(file));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
            var report = client.PostAsync("/api/receivables/import", content, CancellationToken.None).GetAwaiter().GetResult();
            return Print(report, stdout);
        }
        catch (ServerException ex)
        {
            stderr.WriteLine($"owf import: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    private (string File, Uri Server, string User) Arguments(string[] args)
    {
        string? what = null, file = null, server = null;
        var user = environment(UserVariable);
        var reader = new ArgReader(args);
        while (reader.HasMore)
        {
            var (option, inline) = ArgReader.SplitOption(reader.Next());
            switch (option)
            {
                case "--server":
                    server = inline ?? reader.ValueOf(option);
                    break;
                case "--user":
                    user = inline ?? reader.ValueOf(option);
                    break;
                case "--password":
                    throw new UsageException($"a password is never taken on the command line: set {PasswordVariable}");
                case not null when option.StartsWith('-'):
                    throw new UsageException($"unknown option '{option}'");
                default:
                    if (what is null)
                    {
                        what = option;
                    }
                    else if (file is null)
                    {
                        file = option;
                    }
                    else
                    {
                        throw new UsageException($"one file at a time: '{option}' is one too many");
                    }

                    break;
            }
        }

        if (what != "receivables")
        {
            throw new UsageException(what is null ? "say what to import: receivables" : $"cannot import '{what}'; only receivables");
        }

        if (file is null)
        {
            throw new UsageException("the CSV file to import is missing");
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException(server is null ? "--server URL is required" : $"--server needs an http or https URL, not '{server}'");
        }

        if (string.IsNullOrWhiteSpace(user))
        {
            throw new UsageException($"--user EMAIL is required (or set {UserVariable})");
        }

        return (file, uri, user);
    }

    /// <summary>One line per row, then the counts; exit code 0 when nothing was refused, 2 otherwise.</summary>
    private static int Print(JsonElement report, TextWriter stdout)
    {
        foreach (var row in report.GetProperty("results").EnumerateArray())
        {
            var code = row.GetProperty("code").GetString();
            stdout.WriteLine($"row {row.GetProperty("row").GetInt32()}: {row.GetProperty("outcome").GetString()} {row.GetProperty("kind").GetString()} "
                + $"{row.GetProperty("externalId").GetString()}: {(code is null ? "" : code + ": ")}{row.GetProperty("message").GetString()}");
        }

        var refused = report.GetProperty("refused").GetInt32();
        stdout.WriteLine($"{report.GetProperty("rows").GetInt32()} rows: {report.GetProperty("accepted").GetInt32()} accepted, "
            + $"{report.GetProperty("unchanged").GetInt32()} unchanged, {refused} refused");
        return refused == 0 ? ExitCodes.Ok : ExitCodes.Refused;
    }
}
