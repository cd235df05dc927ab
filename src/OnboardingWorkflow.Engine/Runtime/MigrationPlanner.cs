using System.Globalization;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// Decides whether an instance can move to another version of its process, and moves it. An
/// instance moves only when every place it waits at (tokens, bookmarks, sub-process and
/// multi-instance scopes) has a counterpart of the same kind, in the same container, in the target
/// version; the wait itself is kept as it is (task row, assignee, due dates, timer due time,
/// message subscription), since recreating it would lose a claim or restart a deadline. Elements
/// the target adds to a wait that already exists (a new boundary timer on a waiting task) are not
/// armed for that wait: they apply from the next time the activity is entered. An event
/// sub-process the target adds to a running process or sub-process scope listens from the move on
/// (see <see cref="AddedListeners"/>), as it would have had the scope opened in the new version.
/// </summary>
internal sealed class MigrationPlanner(ProcessDefinition from, ProcessDefinition to, IReadOnlyDictionary<string, string> mapping)
{
    public ProcessDefinition Target => to;

    public string Map(string id) => mapping.TryGetValue(id, out var mapped) ? mapped : id;

    /// <summary>
    /// The timer, message, signal and conditional starts of event sub-processes that the target
    /// version adds to the instance's running process and sub-process scopes: those no element of
    /// the instance's version maps to. A scope where an interrupting event sub-process runs is
    /// passed over, since it has stopped listening. Scope ids are the instance's own.
    /// </summary>
    public IReadOnlyList<(string ScopeId, FlowNode Start)> AddedListeners(ProcessInstance instance)
    {
        var added = new List<(string, FlowNode)>();
        HashSet<string>? known = null;
        foreach (var scope in instance.Scopes)
        {
            var definition = scope.Kind switch
            {
                ScopeKind.Process => to.Root,
                ScopeKind.SubProcess when to.Nodes.TryGetValue(Map(scope.ElementId), out var node) => node.Child,
                _ => null,
            };
            if (definition is null || definition.EventSubProcesses.Count == 0 || Interrupted(instance, scope))
            {
                continue;
            }

            known ??= [.. from.Nodes.Keys.Select(Map)];
            foreach (var eventSubProcess in definition.EventSubProcesses)
            {
                var start = eventSubProcess.Child!.NoneStart!;
                if (start.Trigger is EventTrigger.Timer or EventTrigger.Message or EventTrigger.Signal or EventTrigger.Conditional
                    && !known.Contains(start.Id))
                {
                    added.Add((scope.Id, start));
                }
            }
        }

        return added;
    }

    /// <summary>Whether an interrupting event sub-process runs in the scope (which then listens no more).</summary>
    private bool Interrupted(ProcessInstance instance, Scope scope) =>
        instance.Scopes.Exists(child => child.ParentId == scope.Id && child.Kind == ScopeKind.SubProcess
            && from.Nodes.TryGetValue(child.ElementId, out var node) && node.TriggeredByEvent && node.Child?.NoneStart?.CancelActivity == true);

    public MigrationCheck Check(ProcessInstance instance)
    {
        var reasons = new List<string>();
        var moves = new List<MigrationMove>();
        if (instance.IsEnded)
        {
            reasons.Add($"The instance has ended ({instance.Status.ToString().ToLowerInvariant()}); only running instances move.");
        }

        if (instance.ProcessKey != to.Key)
        {
            reasons.Add($"The instance runs process {instance.ProcessKey}, not {to.Key}.");
        }

        if (to.Version <= instance.ProcessVersion)
        {
            reasons.Add($"The instance runs version {instance.ProcessVersion}; the target version {to.Version} is not newer.");
        }

        foreach (var incident in instance.Incidents)
        {
            reasons.Add($"It has an open incident at '{incident.ElementId}' ({incident.Code}): retry or resolve it first, so it does not move half-failed.");
        }

        foreach (var scope in instance.Scopes.Where(s => s.Kind != ScopeKind.Process))
        {
            // An item scope is reported with its body; both are checked, so either missing is refused.
            var target = Counterpart(scope.ElementId, "the scope", reasons);
            var move = (scope.Kind, target) switch
            {
                (_, null) or (ScopeKind.MultiInstanceItem, _) => null,
                (ScopeKind.SubProcess, _) => new MigrationMove("sub-process", scope.ElementId, target.Id, Kept("sub-process scope kept with its variables", scope.ElementId, target.Id)),
                (ScopeKind.Compensation, _) => new MigrationMove("compensated sub-process", scope.ElementId, target.Id, Kept("sub-process being compensated kept with its variables", scope.ElementId, target.Id)),
                _ => new MigrationMove("multi-instance body", scope.ElementId, target.Id, Kept("multi-instance body kept with its items", scope.ElementId, target.Id)),
            };
            if (move is not null)
            {
                moves.Add(move);
            }
        }

        foreach (var record in CompensationRecords(instance))
        {
            var mapped = Map(record.ElementId);
            if (!to.Nodes.TryGetValue(mapped, out var target) || target.CompensationHandler is null && target.Kind != ElementKind.SubProcess)
            {
                reasons.Add($"'{record.ElementId}' completed and can still be compensated, but version {to.Version} has no activity '{mapped}' with a compensation handler: map it to one, or leave the instance where it is.");
            }
        }

        foreach (var token in instance.Tokens)
        {
            if (Counterpart(token.ElementId, "a token", reasons) is not { } target)
            {
                continue;
            }

            CheckContainer(instance, token, target, reasons);
            if (token.State == TokenState.Joined && token.ArrivedVia is { } via
                && !target.Incoming.Exists(f => f.Id == Map(via)))
            {
                reasons.Add($"A branch has arrived at the join '{token.ElementId}' by flow '{via}', which does not lead to '{target.Id}' in version {to.Version}: map the flow to its new id.");
            }

            if (!instance.Bookmarks.Exists(b => b.TokenId == token.Id && b.ElementId == token.ElementId))
            {
                var state = token.State.ToString().ToLowerInvariant();
                moves.Add(new MigrationMove("token", token.ElementId, target.Id, Kept($"token kept ({state})", token.ElementId, target.Id)));
            }
        }

        foreach (var bookmark in instance.Bookmarks)
        {
            if (Counterpart(bookmark.ElementId, Describe(bookmark.Kind), reasons) is { } target)
            {
                moves.Add(new MigrationMove(KindName(bookmark), bookmark.ElementId, target.Id, Outcome(bookmark, target)));
            }
        }

        foreach (var (_, start) in AddedListeners(instance))
        {
            var trigger = start.Trigger.ToString().ToLowerInvariant();
            moves.Add(new MigrationMove("event sub-process", start.Id, start.Id,
                $"new in version {to.Version}: the {trigger} start of event sub-process '{start.Scope.Owner!.Id}' listens from the move on"));
        }

        // A missing multi-instance activity is met by its body, each item and each token: say it once.
        return new MigrationCheck(reasons.Count == 0, [.. reasons.Distinct(StringComparer.Ordinal)], moves);
    }

    /// <summary>Moves a checked instance: version, element ids per mapping; tasks renamed are recorded for their rows.</summary>
    public void Apply(ProcessInstance instance, WorkflowCommit commit, string? actor, DateTimeOffset now)
    {
        var fromVersion = instance.ProcessVersion;
        instance.ProcessVersion = to.Version;
        foreach (var scope in instance.Scopes.Where(s => s.Kind != ScopeKind.Process))
        {
            scope.ElementId = Map(scope.ElementId);
        }

        foreach (var record in CompensationRecords(instance))
        {
            record.ElementId = Map(record.ElementId);
        }

        foreach (var token in instance.Tokens)
        {
            token.ElementId = Map(token.ElementId);
            token.ArrivedVia = token.ArrivedVia is null ? null : Map(token.ArrivedVia);
        }

        foreach (var bookmark in instance.Bookmarks)
        {
            var moved = Map(bookmark.ElementId);
            if (moved != bookmark.ElementId && bookmark.Kind == BookmarkKind.UserTask)
            {
                commit.MovedTasks.Add((bookmark.Id, moved));
            }

            bookmark.ElementId = moved;
        }

        var renamed = mapping.Where(m => m.Key != m.Value).Select(m => $"{m.Key} -> {m.Value}").ToList();
        commit.History.Add(new HistoryEvent
        {
            InstanceId = instance.Id,
            ProcessKey = to.Key,
            ProcessVersion = to.Version,
            Event = HistoryEventTypes.Migrated,
            ElementId = to.Key,
            ElementType = "process",
            ElementName = to.Name,
            Time = now,
            Actor = actor,
            Detail = $"from version {fromVersion} to version {to.Version}; " + (renamed.Count == 0 ? "no element renamed" : "mapping: " + string.Join(", ", renamed)),
        });
    }

    /// <summary>The target element of a waiting element, or null with the reason added when there is none of a compatible kind.</summary>
    private FlowNode? Counterpart(string elementId, string what, List<string> reasons)
    {
        var mapped = Map(elementId);
        var via = mapped == elementId ? "" : $" (mapped to '{mapped}')";
        if (!from.Nodes.TryGetValue(elementId, out var source))
        {
            reasons.Add($"'{elementId}', where {what} waits, is not an element of version {from.Version}.");
            return null;
        }

        if (!to.Nodes.TryGetValue(mapped, out var target))
        {
            reasons.Add($"{source.TypeName} '{elementId}', where {what} waits, is removed in version {to.Version}{via}: map it to an element of version {to.Version} or leave the instance where it is.");
            return null;
        }

        if (!Compatible(source, target, out var difference))
        {
            reasons.Add($"{source.TypeName} '{elementId}', where {what} waits, cannot become {target.TypeName} '{target.Id}'{via} of version {to.Version}: {difference}.");
            return null;
        }

        return target;
    }

    private bool Compatible(FlowNode source, FlowNode target, out string difference)
    {
        difference = source.Kind != target.Kind ? $"a {source.TypeName} must stay a {source.TypeName}"
            : source.Trigger != target.Trigger ? $"its {source.Trigger.ToString().ToLowerInvariant()} trigger would become {target.Trigger.ToString().ToLowerInvariant()}"
            : (source.MultiInstance is null) != (target.MultiInstance is null) ? "it would gain or lose its multi-instance loop"
            : source.MultiInstance is { } loop && loop.IsSequential != target.MultiInstance!.IsSequential ? "its multi-instance loop would change between parallel and sequential"
            : source.Kind == ElementKind.BoundaryEvent && source.AttachedToId is { } host && Map(host) != target.AttachedToId
                ? $"it is attached to '{host}', but the target is attached to '{target.AttachedToId}'"
            : string.Empty;
        return difference.Length == 0;
    }

    /// <summary>A token must stay in the container it runs in: the process, or the mapped sub-process or multi-instance activity.</summary>
    private void CheckContainer(ProcessInstance instance, Token token, FlowNode target, List<string> reasons)
    {
        var scope = instance.Scopes.Find(s => s.Id == token.ScopeId);
        if (scope is null || scope.Kind == ScopeKind.Process)
        {
            if (target.Scope.Owner is { } owner)
            {
                reasons.Add($"'{token.ElementId}' is at the top of the process, but '{target.Id}' of version {to.Version} is inside '{owner.Id}': a token cannot move into a sub-process.");
            }

            return;
        }

        var container = Map(scope.ElementId);
        if (target.Id != container && target.Scope.Owner?.Id != container)
        {
            reasons.Add($"'{token.ElementId}' runs inside '{scope.ElementId}', but '{target.Id}' of version {to.Version} is not inside '{container}'.");
        }
    }

    /// <summary>Every completed activity the instance remembers for compensation, or is compensating, nested ones included.</summary>
    private static IEnumerable<CompensationRecord> CompensationRecords(ProcessInstance instance)
    {
        var pending = new Stack<CompensationRecord>(instance.Scopes.SelectMany(s => s.Compensations ?? []).Concat(instance.Tokens.SelectMany(t => t.Compensating ?? [])));
        while (pending.TryPop(out var record))
        {
            yield return record;
            foreach (var inner in record.Inner ?? [])
            {
                pending.Push(inner);
            }
        }
    }

    private static string Kept(string what, string fromId, string toId) => fromId == toId ? $"{what}, same id" : $"{what}, renamed to '{toId}'";

    private static string Describe(BookmarkKind kind) => kind switch
    {
        BookmarkKind.UserTask => "a user task",
        BookmarkKind.Timer => "a timer",
        BookmarkKind.Message => "a message subscription",
        BookmarkKind.CallActivity => "a called instance",
        _ => "an async continuation",
    };

    private static string KindName(Bookmark bookmark) => bookmark.Kind switch
    {
        BookmarkKind.UserTask => "task",
        BookmarkKind.Timer => "timer",
        BookmarkKind.Message => "message",
        BookmarkKind.CallActivity => "call",
        _ => "job",
    };

    private string Outcome(Bookmark bookmark, FlowNode target)
    {
        var renamed = target.Id == bookmark.ElementId ? "same id" : $"renamed to '{target.Id}'";
        switch (bookmark.Kind)
        {
            case BookmarkKind.UserTask:
                var task = bookmark.Task;
                var assignee = task?.Assignee is { } a ? $"assignee {a}" : "no assignee";
                var outcome = $"task kept, {renamed}, {assignee}" + (task?.DueDate is { } due ? $", due {Date(due)}" : "");
                var groups = task?.CandidateGroups ?? [];
                var spec = target.UserTask?.CandidateGroups;
                if (spec is { IsLiteral: false })
                {
                    outcome += $"; keeps its candidate groups ({Listed(groups)}), version {to.Version} computes them for new tasks from {spec.Text}";
                }
                else
                {
                    var newGroups = spec is null ? [] : spec.Text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                    if (!groups.SequenceEqual(newGroups, StringComparer.Ordinal))
                    {
                        outcome += $"; keeps its candidate groups ({Listed(groups)}), version {to.Version} offers new tasks to {Listed(newGroups)}";
                    }
                }

                return outcome;
            case BookmarkKind.Timer:
                return $"timer kept, {renamed}, due {(bookmark.DueAt is { } at ? Date(at) : "when it was")}";
            case BookmarkKind.Message:
                return $"message subscription kept, {renamed}: '{bookmark.MessageName}'" + (bookmark.CorrelationKey is { } key ? $", key {key}" : ", no key");
            case BookmarkKind.CallActivity:
                return $"called instance kept, {renamed}";
            default:
                return $"async continuation kept, {renamed}";
        }
    }

    private static string Listed(IReadOnlyCollection<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);

    private static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
