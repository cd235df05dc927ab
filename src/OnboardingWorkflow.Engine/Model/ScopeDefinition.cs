namespace OnboardingWorkflow.Engine.Model;

/// <summary>A process or an embedded sub-process: the nodes and flows that run in one scope.</summary>
public sealed class ScopeDefinition
{
    public required string Id { get; init; }

    /// <summary>The sub-process node that owns this scope; null for the process itself.</summary>
    public FlowNode? Owner { get; init; }

    public ScopeDefinition? Parent => Owner?.Scope;

    public List<FlowNode> Nodes { get; } = [];
    public List<SequenceFlow> Flows { get; } = [];

    /// <summary>The associations drawn in this scope; those from a compensation boundary event name its handler.</summary>
    public List<Association> Associations { get; } = [];

    /// <summary>The event sub-processes of this scope: each listens while the scope runs.</summary>
    public List<FlowNode> EventSubProcesses { get; } = [];

    /// <summary>Whether this is the scope of an event sub-process.</summary>
    public bool IsEventSubProcess => Owner?.TriggeredByEvent == true;

    /// <summary>The start event a plain start enters: the none start, else the only start event (an event sub-process's trigger).</summary>
    public FlowNode? NoneStart { get; internal set; }

    private Dictionary<(string From, string Join), bool>? _reach;

    /// <summary>
    /// Whether a token at <paramref name="from"/> can still arrive at <paramref name="join"/> by
    /// sequence flows of this scope (boundary paths included) without passing through the join.
    /// </summary>
    public bool CanReach(FlowNode from, FlowNode join)
    {
        lock (Nodes)
        {
            _reach ??= [];
            if (_reach.TryGetValue((from.Id, join.Id), out var cached))
            {
                return cached;
            }

            var result = Search(from, join);
            _reach[(from.Id, join.Id)] = result;
            return result;
        }
    }

    private static bool Search(FlowNode from, FlowNode join)
    {
        var seen = new HashSet<FlowNode> { from };
        var stack = new Stack<FlowNode>();
        stack.Push(from);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            foreach (var next in Successors(node))
            {
                if (next == join)
                {
                    return true;
                }

                if (seen.Add(next))
                {
                    stack.Push(next);
                }
            }
        }

        return false;
    }

    private static IEnumerable<FlowNode> Successors(FlowNode node)
    {
        foreach (var flow in node.Outgoing)
        {
            yield return flow.Target;
        }

        foreach (var boundary in node.Boundaries)
        {
            yield return boundary;
        }
    }
}
