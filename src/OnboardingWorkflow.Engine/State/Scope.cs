namespace OnboardingWorkflow.Engine.State;

/// <summary>The kinds of variable and token scope an instance opens.</summary>
public enum ScopeKind
{
    Process,
    SubProcess,
    MultiInstanceBody,
    MultiInstanceItem,

    /// <summary>
    /// A completed sub-process opened again, with its variables as they were when it completed, so
    /// the handlers of what completed inside it run there when it is compensated.
    /// </summary>
    Compensation,
}

/// <summary>
/// A scope of an instance: the process, a running sub-process, a multi-instance body or one of its
/// items. Holds local variables; lookups walk up to the process scope.
/// </summary>
public sealed class Scope
{
    public required string Id { get; init; }
    public string? ParentId { get; init; }
    public required ScopeKind Kind { get; init; }

    /// <summary>The element that opened the scope; the process id for the process scope.</summary>
    public required string ElementId { get; set; }

    /// <summary>The token, in the parent scope, whose activity owns this scope.</summary>
    public string? OwnerTokenId { get; init; }

    public Dictionary<string, object?> Variables { get; set; } = new(StringComparer.Ordinal);

    // Multi-instance body bookkeeping: items still to start (sequential) and the next index.
    public List<object?>? PendingItems { get; set; }
    public int NextIndex { get; set; }

    /// <summary>
    /// The completed activities of this scope that can be compensated, in order of completion (null
    /// when none). A multi-instance body keeps those of its items until it completes.
    /// </summary>
    public List<CompensationRecord>? Compensations { get; set; }

    public Scope Clone()
    {
        var copy = (Scope)MemberwiseClone();
        copy.Variables = State.Variables.CloneMap(Variables);
        copy.PendingItems = PendingItems is null ? null : PendingItems.ConvertAll(State.Variables.Clone);
        copy.Compensations = Compensations?.ConvertAll(r => r.Clone());
        return copy;
    }
}
