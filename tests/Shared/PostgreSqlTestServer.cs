using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OnboardingWorkflow.Testing;

/// <summary>
/// Shared by the test projects that need PostgreSQL (linked into each, see their csproj).
/// Where the test PostgreSQL server is: ONBOARDING_TEST_POSTGRES when the test command set it,
/// otherwise the one deploy/scripts/services/postgres.sh starts. Unreachable means failing, never skipping.
/// </summary>
public static partial class PostgreSqlTestServer
{
    public const string Variable = "ONBOARDING_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> ConnectionString = new(LocateAsync);

    public static Task<string> GetConnectionStringAsync() => ConnectionString.Value;

    [GeneratedRegex(@"^export ONBOARDING_TEST_POSTGRES='(?<value>[^']+)'$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();

    private static async Task<string> LocateAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var script = RepositoryRoot.Combine("deploy", "scripts", "services", "postgres.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("start");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var match = ExportLine().Match(await output);
        if (process.ExitCode != 0 || !match.Success)
        {
            throw new InvalidOperationException($"{Variable} is not set and '{script} start' failed (exit code {process.ExitCode}):\n{await output}\n{await errors}");
        }

        return match.Groups["value"].Value;
    }
}
