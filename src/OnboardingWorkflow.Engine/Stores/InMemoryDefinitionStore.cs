namespace OnboardingWorkflow.Engine.Stores;

/// <summary>Definition versions in memory; for tests, simulation and benchmarks.</summary>
public sealed class InMemoryDefinitionStore : IDefinitionStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<DeployedDefinition>> _byKey = new(StringComparer.Ordinal);

    public Task<DeployedDefinition?> FindLatestAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byKey.TryGetValue(key, out var versions) ? versions[^1] : null);
        }
    }

    public Task<int?> FindLatestVersionAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byKey.TryGetValue(key, out var versions) ? versions[^1].Version : (int?)null);
        }
    }

    public Task<DeployedDefinition?> FindAsync(string key, int version, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byKey.TryGetValue(key, out var versions) ? versions.Find(v => v.Version == version) : null);
        }
    }

    public Task<IReadOnlyList<DeployedDefinition>> ListLatestAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DeployedDefinition>>(_byKey.Values.Select(v => v[^1]).ToList());
        }
    }

    public Task AddAsync(DeployedDefinition definition, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(definition.Key, out var versions))
            {
                _byKey[definition.Key] = versions = [];
            }

            if (versions.Count > 0 && versions[^1].Version >= definition.Version)
            {
                throw new ConcurrencyException($"Version {definition.Version} of '{definition.Key}' exists already.");
            }

            versions.Add(definition);
            return Task.CompletedTask;
        }
    }
}
