using Microsoft.Extensions.Logging;

namespace OnboardingWorkflow.Testing;

/// <summary>
/// Keeps the errors a test server logs (the dashboard's "something went wrong", a failed job) in
/// .test-output/server-errors.log of the checkout, with the server's address, so a failed test can
/// be explained after the run. Refusals are not errors and are not kept.
/// </summary>
internal sealed class ServerErrorLog(string server) : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public static string FilePath => RepositoryRoot.Combine(".test-output", "server-errors.log");

    public ILogger CreateLogger(string categoryName) => new Logger(server, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string server, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var entry = $"[{DateTimeOffset.UtcNow:O}] {server} {logLevel} {category}: {formatter(state, exception)}{Environment.NewLine}{exception}{Environment.NewLine}";
            lock (Gate)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(FilePath)!);
                File.AppendAllText(FilePath, entry);
            }
        }
    }
}
