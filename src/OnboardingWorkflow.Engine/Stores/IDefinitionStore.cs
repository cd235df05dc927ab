namespace OnboardingWorkflow.Engine.Stores;

/// <summary>Keeps every deployed version of every process.</summary>
public interface IDefinitionStore
{
    Task<DeployedDefinition?> FindLatestAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The number of the latest version, without its XML: starting an instance asks this on every
    /// start, and the parsed version itself comes from the engine's cache (versions never change).
    /// </summary>
    Task<int?> FindLatestVersionAsync(string key, CancellationToken cancellationToken = default);

    Task<DeployedDefinition?> FindAsync(string key, int version, CancellationToken cancellationToken = default);

    /// <summary>The latest version of each process.</summary>
    Task<IReadOnlyList<DeployedDefinition>> ListLatestAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a version; throws <see cref="ConcurrencyException"/> when that version exists already.</summary>
    Task AddAsync(DeployedDefinition definition, CancellationToken cancellationToken = default);
}
