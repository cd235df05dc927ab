namespace OnboardingWorkflow.Engine.State;

/// <summary>
/// An activity that completed and can be compensated: one with a compensation handler (each
/// completion, loop turn or multi-instance item is a record of its own), or a sub-process without
/// a handler of its own in which such activities completed. A scope keeps them in order of
/// completion; compensating one takes it away, so nothing is undone twice.
/// </summary>
public sealed class CompensationRecord
{
    /// <summary>The activity that completed.</summary>
    public required string ElementId { get; set; }

    /// <summary>When it completed, in the instance's own numbering: orders records of different scopes.</summary>
    public int Order { get; set; }

    /// <summary>For a sub-process without a handler of its own: the records of what completed inside it, in order of completion.</summary>
    public List<CompensationRecord>? Inner { get; set; }

    /// <summary>For such a sub-process: its local variables when it completed, which its inner handlers see again.</summary>
    public Dictionary<string, object?>? Variables { get; set; }

    /// <summary>While the record waits in a compensation queue: the scope its handler runs in.</summary>
    public string? ScopeId { get; set; }

    public CompensationRecord Clone()
    {
        var copy = (CompensationRecord)MemberwiseClone();
        copy.Inner = Inner?.ConvertAll(r => r.Clone());
        copy.Variables = Variables is null ? null : State.Variables.CloneMap(Variables);
        return copy;
    }
}
