namespace OnboardingWorkflow.Server.Security;

/// <summary>A setting that makes start-up impossible; the message names the setting and what it must be.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
