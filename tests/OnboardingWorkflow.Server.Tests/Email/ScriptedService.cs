using System.Diagnostics;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Email;

/// <summary>
/// A test service that deploy/scripts/services/{script} starts and stops, shared by every fixture
/// that needs it in the test run: the first to acquire it starts it (or finds it running), and the
/// last to release it stops it, only if the script started it here. The script prints the
/// "export NAME=value" lines that say where the service is.
/// </summary>
public sealed class ScriptedService(string script, string startedMarker)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _users;
    private bool _startedHere;
    private Dictionary<string, string>? _exports;

    public async Task<IReadOnlyDictionary<string, string>> AcquireAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_users == 0 || _exports is null)
            {
                var (stdout, stderr) = await RunAsync("start");
                _exports = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(line => line.StartsWith("export ", StringComparison.Ordinal))
                    .Select(line => line["export ".Length..].Split('=', 2))
                    .ToDictionary(pair => pair[0], pair => pair[1].Trim('\'', '"'));
                _startedHere = stderr.Contains(startedMarker, StringComparison.Ordinal);
            }

            _users++;
            return _exports;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ReleaseAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (--_users == 0 && _startedHere)
            {
                await RunAsync("stop");
                _startedHere = false;
                _exports = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Stdout, string Stderr)> RunAsync(string action)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine("deploy", "scripts", "services", script));
        start.ArgumentList.Add(action);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {action} failed ({process.ExitCode}): {await stderr}");
        }

        return (await stdout, await stderr);
    }
}
