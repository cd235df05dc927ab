namespace OnboardingWorkflow.Engine.State;

/// <summary>What a token is doing at its element.</summary>
public enum TokenState
{
    /// <summary>About to execute its element.</summary>
    Ready,

    /// <summary>Waits for a bookmark, a child scope or a called instance.</summary>
    Waiting,

    /// <summary>Has arrived at a joining gateway and waits for the other branches.</summary>
    Joined,

    /// <summary>Its element failed; an incident records why. A retry runs the element again.</summary>
    Incident,
}

/// <summary>A point of execution: an element, the scope it runs in, and its state.</summary>
public sealed class Token
{
    public required string Id { get; init; }
    public required string ElementId { get; set; }
    public required string ScopeId { get; set; }
    public TokenState State { get; set; }

    /// <summary>The sequence flow the token arrived by; joins count arrivals per flow.</summary>
    public string? ArrivedVia { get; set; }

    /// <summary>The scope this token's activity opened (sub-process or multi-instance body).</summary>
    public string? ChildScopeId { get; set; }

    /// <summary>Set for a token that runs one instance inside a multi-instance body.</summary>
    public bool IsMultiInstanceItem { get; set; }

    /// <summary>Set when an async continuation resumed the token, so the element now runs.</summary>
    public bool AsyncPassed { get; set; }

    /// <summary>
    /// For a token that compensates rather than follows the flow (a compensation handler, or a
    /// completed sub-process being compensated): the token waiting for it to finish.
    /// </summary>
    public string? CompensationFor { get; set; }

    /// <summary>
    /// For a token that runs compensation (a compensation throw or end event, a cancel end event,
    /// a completed sub-process being compensated): what is still to be compensated, next first.
    /// </summary>
    public List<CompensationRecord>? Compensating { get; set; }

    public Token Clone()
    {
        var copy = (Token)MemberwiseClone();
        copy.Compensating = Compensating?.ConvertAll(r => r.Clone());
        return copy;
    }
}
