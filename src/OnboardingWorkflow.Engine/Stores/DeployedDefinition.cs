namespace OnboardingWorkflow.Engine.Stores;

/// <summary>One stored version of a process: its XML and the hash that tells versions apart.</summary>
public sealed record DeployedDefinition(
    string Key,
    int Version,
    string? Name,
    string Xml,
    string Hash,
    DateTimeOffset DeployedAt,
    string? ResourceName);
