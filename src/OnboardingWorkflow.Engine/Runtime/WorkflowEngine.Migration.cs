using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>What happens to one waiting element when its instance moves: its kind ("task", "timer", "message", "token", ...), where it goes and how.</summary>
public sealed record MigrationMove(string Kind, string FromElementId, string? ToElementId, string Outcome);

/// <summary>Whether an instance can move to a version, why not (each reason names its element), and what would happen to each waiting element.</summary>
public sealed record MigrationCheck(bool CanMigrate, IReadOnlyList<string> Reasons, IReadOnlyList<MigrationMove> Moves);

/// <summary>What a migration did to one instance.</summary>
public enum MigrationStatus
{
    Migrated,

    /// <summary>The rules refused it (see the reasons); it was left as it was.</summary>
    Refused,

    /// <summary>It already runs the target version (moved before, e.g. by an interrupted batch).</summary>
    AlreadyOnTarget,

    NotFound,
}

/// <summary>The outcome for one instance of a migration.</summary>
public sealed record MigrationResult(Guid InstanceId, string? BusinessKey, MigrationStatus Status, IReadOnlyList<string> Reasons, IReadOnlyList<MigrationMove> Moves);

/// <summary>An instance that cannot move to the version asked for; <see cref="Reasons"/> says why, element by element.</summary>
public sealed class MigrationRefusedException(Guid instanceId, IReadOnlyList<string> reasons)
    : Exception($"Process instance '{instanceId}' cannot be migrated: {string.Join(" ", reasons)}")
{
    public Guid InstanceId { get; } = instanceId;
    public IReadOnlyList<string> Reasons { get; } = reasons;
}

public sealed partial class WorkflowEngine
{
    /// <summary>Most renamed elements one migration may name; a real rename touches a handful.</summary>
    public const int MaxMigrationMappings = 500;

    /// <summary>
    /// Checks, without changing anything, whether <paramref name="instance"/> can move to
    /// <paramref name="toVersion"/> of its process with the renames in <paramref name="mapping"/>
    /// (old element id to new; ids not named map to themselves).
    /// </summary>
    public async Task<MigrationCheck> CheckMigrationAsync(ProcessInstance instance, int toVersion, IReadOnlyDictionary<string, string>? mapping,
        CancellationToken cancellationToken = default)
    {
        var planner = await PlannerAsync(instance, toVersion, mapping, cancellationToken);
        return planner?.Check(instance)
            ?? new MigrationCheck(false, [$"Process {instance.ProcessKey} has no version {toVersion}."], []);
    }

    /// <summary>
    /// Moves one instance to a newer version of its process in one unit of work (state, bookmarks,
    /// renamed task rows, a "migrated" history event), committed at the revision it was loaded at.
    /// Throws <see cref="MigrationRefusedException"/> when the rules refuse it (nothing changes),
    /// <see cref="InstanceNotFoundException"/>, or <see cref="ConcurrencyException"/> when it moved on meanwhile.
    /// </summary>
    public async Task<ProcessInstance> MigrateAsync(Guid instanceId, int toVersion, IReadOnlyDictionary<string, string>? mapping, string? actor,
        CancellationToken cancellationToken = default)
    {
        var result = (await MigrateAsync([instanceId], toVersion, mapping, actor, beforeCommit: null, cancellationToken))[0];
        return result.Status switch
        {
            MigrationStatus.Migrated => (await GetInstanceAsync(instanceId, cancellationToken))!,
            MigrationStatus.NotFound => throw new InstanceNotFoundException(instanceId),
            MigrationStatus.AlreadyOnTarget => throw new MigrationRefusedException(instanceId, [$"The instance already runs version {toVersion}."]),
            _ => throw new MigrationRefusedException(instanceId, result.Reasons),
        };
    }

    /// <summary>
    /// Moves several instances in ONE unit of work: each is loaded, checked and moved; refused ones
    /// are reported and left alone. <paramref name="beforeCommit"/> sees the outcomes before the
    /// commit, so a caller adds its own rows (audit, progress) to the same transaction. When any
    /// instance changed since it was loaded, <see cref="ConcurrencyException"/> is thrown and nothing
    /// is written: the caller retries the instances one by one, each then checked again.
    /// </summary>
    public async Task<IReadOnlyList<MigrationResult>> MigrateAsync(IReadOnlyList<Guid> instanceIds, int toVersion, IReadOnlyDictionary<string, string>? mapping,
        string? actor, Func<IReadOnlyList<MigrationResult>, Task>? beforeCommit, CancellationToken cancellationToken = default)
    {
        var commit = new WorkflowCommit();
        var results = new List<MigrationResult>(instanceIds.Count);
        var now = Clock.GetUtcNow();
        foreach (var id in instanceIds)
        {
            var instance = await Options.Instances.FindAsync(id, cancellationToken);
            if (instance is null)
            {
                results.Add(new MigrationResult(id, null, MigrationStatus.NotFound, [$"Process instance {id} does not exist."], []));
                continue;
            }

            if (instance.ProcessVersion == toVersion)
            {
                results.Add(new MigrationResult(id, instance.BusinessKey, MigrationStatus.AlreadyOnTarget, [$"It already runs version {toVersion}."], []));
                continue;
            }

            var planner = await PlannerAsync(instance, toVersion, mapping, cancellationToken);
            var check = planner?.Check(instance) ?? new MigrationCheck(false, [$"Process {instance.ProcessKey} has no version {toVersion}."], []);
            if (!check.CanMigrate)
            {
                results.Add(new MigrationResult(id, instance.BusinessKey, MigrationStatus.Refused, check.Reasons, check.Moves));
                continue;
            }

            var expected = instance.Revision;
            var added = planner!.AddedListeners(instance);
            var moved = new WorkflowCommit();
            planner.Apply(instance, moved, actor, now);
            if (Listen(instance, planner.Target, added, actor, now) is { } problem)
            {
                results.Add(new MigrationResult(id, instance.BusinessKey, MigrationStatus.Refused, [problem], check.Moves));
                continue; // the moved copy is dropped: nothing of it is committed
            }

            commit.History.AddRange(moved.History);
            commit.MovedTasks.AddRange(moved.MovedTasks);
            commit.Instances.Add((instance, expected));
            results.Add(new MigrationResult(id, instance.BusinessKey, MigrationStatus.Migrated, [], check.Moves));
        }

        if (beforeCommit is not null)
        {
            await beforeCommit(results);
        }

        await Options.Instances.CommitAsync(commit, cancellationToken);
        foreach (var sink in Options.HistorySinks)
        {
            sink.Append(commit.History);
        }

        return results;
    }

    /// <summary>Arms the event sub-processes the move adds to running scopes; why not, when one cannot listen.</summary>
    private string? Listen(ProcessInstance instance, ProcessDefinition target, IReadOnlyList<(string ScopeId, FlowNode Start)> added, string? actor, DateTimeOffset now)
    {
        if (added.Count == 0)
        {
            return null;
        }

        var execution = new Execution(this, actor, now);
        var context = execution.Attach(instance, target);
        foreach (var (scopeId, start) in added)
        {
            try
            {
                execution.ListenFor(context, scopeId, start);
            }
            catch (Exception ex) when (ex is IncidentException or ExpressionException)
            {
                return $"Event sub-process '{start.Scope.Owner!.Id}' of version {target.Version} cannot listen in this instance: {ex.Message}";
            }
        }

        return null;
    }

    /// <summary>The planner between the instance's version and the target, or null when the target version is not deployed.</summary>
    private async Task<MigrationPlanner?> PlannerAsync(ProcessInstance instance, int toVersion, IReadOnlyDictionary<string, string>? mapping, CancellationToken cancellationToken)
    {
        ProcessDefinition target;
        try
        {
            target = await GetDefinitionAsync(instance.ProcessKey, toVersion, cancellationToken);
        }
        catch (ProcessNotFoundException)
        {
            return null;
        }

        var source = await GetDefinitionAsync(instance.ProcessKey, instance.ProcessVersion, cancellationToken);
        return new MigrationPlanner(source, target, mapping ?? new Dictionary<string, string>());
    }
}
