using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace OnboardingWorkflow.Server.Tests.MultiServer;

/// <summary>
/// The server as an operating-system process of its own (the built server assembly run by
/// <c>dotnet</c>), configured by environment variables, on a free loopback port. It can be killed
/// the hard way, as a crash or an out-of-memory kill would end it: no shutdown code runs.
/// Its console output is kept in a log file that a failing test prints.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(string name, Process process, Uri address)
    {
        Name = name;
        _process = process;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the server wrote to its console so far (the last part, when long).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.Length <= 8000 ? _output.ToString() : _output.ToString(_output.Length - 8000, 8000);
            }
        }
    }

    /// <summary>Starts the server with these settings (as <c>Section:Key</c>) and waits until it answers ready.</summary>
    public static async Task<ServerProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, TimeSpan readyWithin)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var assembly = Path.Combine(AppContext.BaseDirectory, "OnboardingWorkflow.Server.dll");
        var start = new ProcessStartInfo("dotnet", [assembly, "--urls", address.ToString()])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(name, process, address);
        process.OutputDataReceived += (_, line) => server.Append(line.Data);
        process.ErrorDataReceived += (_, line) => server.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync(readyWithin);
        return server;
    }

    /// <summary>Ends the process at once, with its children: no graceful shutdown, no lock released.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Asks the process to shut down as an operator's stop would (SIGTERM): the host stops, Hangfire
    /// ends its workers and releases its locks. Waits until it has exited.
    /// </summary>
    public async Task StopAsync(TimeSpan within)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (SendSignal(ProcessId, SigTerm) != 0)
        {
            throw new InvalidOperationException($"SIGTERM to server {Name} failed (errno {Marshal.GetLastPInvokeError()})");
        }

        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"server {Name} did not stop within {within} of SIGTERM");
        }
    }

    private const int SigTerm = 15;

    /// <summary>kill(2): a signal to a process, here the graceful stop systemd or Kubernetes would send.</summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitReadyAsync(TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Server {Name} exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Server {Name} was not ready within {within}:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
