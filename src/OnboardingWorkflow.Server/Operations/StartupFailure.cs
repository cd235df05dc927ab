using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Operations;

/// <summary>
/// How the server process ends when it cannot start for a reason the operator must fix: one line
/// on stderr and exit code 2 (a stack trace would bury the message). A host that embeds the server
/// (the tests) gets the <see cref="StartupConfigurationException"/> instead.
/// </summary>
public static class StartupFailure
{
    public static bool IsServerProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    public static void Exit(StartupConfigurationException e)
    {
        Console.Error.WriteLine($"The server cannot start: {e.Message}");
        Environment.Exit(2);
    }
}
