using System.Text.Json.Serialization;

namespace OnboardingWorkflow.Engine.State;

/// <summary>
/// The whole state of one process instance: the definition version it runs on, its tokens,
/// scopes, variables, bookmarks and incidents. Serialises to JSON and back without loss.
/// </summary>
public sealed class ProcessInstance
{
    public required Guid Id { get; init; }
    public required string ProcessKey { get; init; }
    /// <summary>The deployed version the instance runs on; changes only when the instance is migrated to a newer one.</summary>
    public required int ProcessVersion { get; set; }
    public string? BusinessKey { get; set; }
    public InstanceStatus Status { get; set; }

    /// <summary>Optimistic-concurrency revision: incremented on every save.</summary>
    public long Revision { get; set; }

    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? StartedBy { get; init; }

    /// <summary>The error code when an uncaught error end event failed the instance.</summary>
    public string? EndErrorCode { get; set; }

    /// <summary>For an instance started by a call activity: the calling instance and its token.</summary>
    public Guid? ParentInstanceId { get; init; }
    public string? ParentTokenId { get; init; }

    /// <summary>
    /// Who completed four-eyes tasks in the current approval round; none of them may complete
    /// another. A node with fourEyesRound="new" starts a new round and clears the list.
    /// </summary>
    public List<string> Checkers { get; set; } = [];

    /// <summary>
    /// Variables the process owns: start variables and whatever handlers, scripts, service
    /// expressions and result variables wrote. No task completion may overwrite them, whatever
    /// its contract declares, so a form can never forge a score or a recommendation.
    /// </summary>
    public List<string> ProtectedVariables { get; set; } = [];

    public List<Scope> Scopes { get; set; } = [];
    public List<Token> Tokens { get; set; } = [];
    public List<Bookmark> Bookmarks { get; set; } = [];
    public List<Incident> Incidents { get; set; } = [];

    /// <summary>The last number handed out for token, scope, bookmark and incident ids of this instance.</summary>
    public int Sequence { get; set; }

    [JsonIgnore]
    public Scope RootScope => Scopes[0];

    /// <summary>Variables of the process scope.</summary>
    [JsonIgnore]
    public Dictionary<string, object?> Variables => RootScope.Variables;

    [JsonIgnore]
    public bool IsEnded => Status is InstanceStatus.Completed or InstanceStatus.Terminated or InstanceStatus.Failed;

    [JsonIgnore]
    public IEnumerable<Bookmark> UserTasks => Bookmarks.Where(b => b.Kind == BookmarkKind.UserTask);

    /// <summary>
    /// Makes a variable name protected (<see cref="ProtectedVariables"/>); false when it already was.
    /// A start with a thousand variables protects a thousand names, so the list is looked up in a set
    /// built from it, not searched name by name.
    /// </summary>
    public bool Protect(string name)
    {
        // Built again when the list was replaced or added to directly (it only grows).
        if (_protectedIndex is null || !ReferenceEquals(_indexedList, ProtectedVariables) || _protectedIndex.Count != ProtectedVariables.Count)
        {
            _protectedIndex = new HashSet<string>(ProtectedVariables, StringComparer.Ordinal);
            _indexedList = ProtectedVariables;
        }

        if (!_protectedIndex.Add(name))
        {
            return false;
        }

        ProtectedVariables.Add(name);
        return true;
    }

    private HashSet<string>? _protectedIndex;
    private List<string>? _indexedList;

    internal string NextId(string prefix) => $"{prefix}{NextNumber()}";

    /// <summary>The next number of the instance's own numbering, which orders what happens in it.</summary>
    internal int NextNumber() => ++Sequence;

    /// <summary>A deep copy: units of work change copies, so a failed one leaves nothing behind.</summary>
    public ProcessInstance Clone()
    {
        var copy = (ProcessInstance)MemberwiseClone();
        copy.Scopes = Scopes.ConvertAll(s => s.Clone());
        copy.Tokens = Tokens.ConvertAll(t => t.Clone());
        copy.Bookmarks = Bookmarks.ConvertAll(b => b.Clone());
        copy.Incidents = Incidents.ConvertAll(i => i.Clone());
        copy.Checkers = [.. Checkers];
        copy.ProtectedVariables = [.. ProtectedVariables];
        copy._protectedIndex = null;
        copy._indexedList = null;
        return copy;
    }
}
