using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>
/// The Chromium the browser tests drive: ONBOARDING_TEST_CHROMIUM when the test command set it,
/// otherwise what deploy/scripts/services/chromium.sh reports (it installs Chromium and the CJK
/// fonts when they are missing, and is a no-op when they are present). Playwright never downloads
/// a browser. Missing means failing, never skipping.
/// </summary>
public static partial class ChromiumInstallation
{
    public const string Variable = "ONBOARDING_TEST_CHROMIUM";

    private static readonly Lazy<Task<string>> Executable = new(LocateAsync);

    public static Task<string> GetExecutableAsync() => Executable.Value;

    [GeneratedRegex(@"^export ONBOARDING_TEST_CHROMIUM=(?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();

    private static async Task<string> LocateAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{Variable} names {configured}, which does not exist.");
        }

        var script = RepositoryRoot.Combine("deploy", "scripts", "services", "chromium.sh");
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
