namespace OnboardingWorkflow.Cli.Commands;

/// <summary>Bad command-line arguments; reported with the command's usage line.</summary>
public sealed class UsageException(string message) : Exception(message);
