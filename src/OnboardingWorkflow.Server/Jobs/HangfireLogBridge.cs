using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace OnboardingWorkflow.Server.Jobs;

/// <summary>
/// Hangfire's logging for an application that may not be alone in its process. Hangfire keeps its log
/// provider, and the loggers its types make once, in process-wide statics; its default provider
/// binds them to the logger factory of whichever application configured it, so once that
/// application stops (several servers in one test run), the next Hangfire type to start fails for
/// the rest of the process. These loggers write to the logger factory of the running application
/// that attached last, and drop what no running application can take.
/// </summary>
public sealed class HangfireLogBridge : ILogProvider
{
    public static readonly HangfireLogBridge Instance = new();

    private static ILoggerFactory? _current;

    private HangfireLogBridge()
    {
    }

    /// <summary>Sends Hangfire's log to this application's factory until it stops.</summary>
    public static void Attach(ILoggerFactory factory) => Volatile.Write(ref _current, factory);

    /// <summary>Stops writing to this factory, unless another application attached since.</summary>
    public static void Detach(ILoggerFactory factory) => Interlocked.CompareExchange(ref _current, null, factory);

    public ILog GetLogger(string name) => new Bridge(name);

    private sealed class Bridge(string name) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (Volatile.Read(ref _current) is not { } factory)
            {
                return false;
            }

            try
            {
                var logger = factory.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null)
                {
                    // Hangfire asks whether a level is on by passing no message.
                    return logger.IsEnabled(level);
                }

                if (logger.IsEnabled(level))
                {
                    logger.Log(level, exception, "{Message}", messageFunc());
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                // The application stopped between the read and the write.
                return false;
            }
        }

        private static LogLevel Map(HangfireLevel level) => level switch
        {
            HangfireLevel.Trace => LogLevel.Trace,
            HangfireLevel.Debug => LogLevel.Debug,
            HangfireLevel.Info => LogLevel.Information,
            HangfireLevel.Warn => LogLevel.Warning,
            HangfireLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
    }
}
