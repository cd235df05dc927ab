using System.Collections.Concurrent;
using OnboardingWorkflow.Engine.Model;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// Parsed definitions by key and version. Share one between engines that serve the same stores
/// (an engine per request in a server), so each version is parsed once per process.
/// </summary>
public sealed class DefinitionCache
{
    private readonly ConcurrentDictionary<(string Key, int Version), ProcessDefinition> _definitions = new();

    public bool TryGet(string key, int version, out ProcessDefinition definition) =>
        _definitions.TryGetValue((key, version), out definition!);

    public ProcessDefinition GetOrAdd(ProcessDefinition definition) => _definitions.GetOrAdd((definition.Key, definition.Version), definition);

    public int Count => _definitions.Count;
}
