namespace OnboardingWorkflow.Engine.Model;

/// <summary>A parsed, validated process: one deployable unit with a key and a version.</summary>
public sealed class ProcessDefinition
{
    public required string Key { get; init; }
    public string? Name { get; init; }
    public int Version { get; internal set; }
    public bool IsExecutable { get; init; } = true;
    public required ScopeDefinition Root { get; init; }
    public SourcePosition Position { get; init; }

    /// <summary>Every flow node of the process, nested ones included, by id.</summary>
    public Dictionary<string, FlowNode> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Lane name per flow node id (kept for display; not needed to run).</summary>
    public Dictionary<string, string> Lanes { get; } = new(StringComparer.Ordinal);

    public IEnumerable<FlowNode> SignalStarts => Root.Nodes.Where(n => n.Kind == ElementKind.StartEvent && n.Trigger == EventTrigger.Signal);

    public IEnumerable<FlowNode> MessageStarts => Root.Nodes.Where(n => n.Kind == ElementKind.StartEvent && n.Trigger == EventTrigger.Message);

    public IEnumerable<FlowNode> ConditionalStarts => Root.Nodes.Where(n => n.Kind == ElementKind.StartEvent && n.Trigger == EventTrigger.Conditional);

    public IEnumerable<FlowNode> TimerStarts => Root.Nodes.Where(n => n.Kind == ElementKind.StartEvent && n.Trigger == EventTrigger.Timer);

    /// <summary>Whether the process has a flow node or a sequence flow with this id (what a migration mapping may name).</summary>
    public bool HasElement(string id) => Nodes.ContainsKey(id) || Nodes.Values.Any(n => n.Outgoing.Exists(f => f.Id == id));

    public FlowNode GetNode(string id) =>
        Nodes.TryGetValue(id, out var node) ? node : throw new KeyNotFoundException($"Process '{Key}' has no element '{id}'.");
}
