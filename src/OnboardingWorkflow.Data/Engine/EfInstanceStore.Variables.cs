using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Data.Engine;

/// <summary>
/// Variables, one row each (<see cref="WorkflowVariableEntity"/>), beside the instance's state
/// (<see cref="InstanceJson.SerializeState"/>, which leaves them out). An instance is read with its
/// variables in one statement, so one snapshot of the database answers both and a step still
/// costs one read; a commit compares each variable with the value it was read with and writes
/// only the rows that changed, appeared or went away.
/// <para>
/// The names of the protected variables (<see cref="ProcessInstance.ProtectedVariables"/>), which
/// grow with the start variables, are rows too: of the scope <see cref="ProtectedScope"/>, which no
/// scope of an instance has, with a null value.
/// </para>
/// <para>
/// An instance saved before variables had rows of their own keeps them in its state JSON; it is
/// read from there, and its first commit moves them into rows.
/// </para>
/// </summary>
public sealed partial class EfInstanceStore
{
    private const int StatePart = 0;
    private const int VariablePart = 1;

    /// <summary>The scope id of the rows that hold the names of the protected variables.</summary>
    private const string ProtectedScope = "";

    /// <summary>Per instance, the variable rows as this store read or last wrote them, by scope and name.</summary>
    private readonly Dictionary<Guid, Dictionary<(string Scope, string Name), object?>> _loadedVariables = [];

    private static readonly ConcurrentDictionary<(IModel, string), string> Statements = new();

    /// <summary>An instance with its variables, as of one snapshot of the database.</summary>
    private async Task<ProcessInstance?> ReadInstanceAsync(Guid id, CancellationToken cancellationToken)
    {
        var sql = Statement("instance", () =>
        {
            var (instances, variables) = (RowTable.Of<WorkflowInstanceEntity>(db), RowTable.Of<WorkflowVariableEntity>(db));
            return $"SELECT {StatePart} AS {Alias("Part")}, i.{instances.Column(nameof(WorkflowInstanceEntity.Id))} AS {Alias("InstanceId")},"
                + $" i.{instances.Column(nameof(WorkflowInstanceEntity.Revision))} AS {Alias("Revision")}, NULL AS {Alias("Scope")}, NULL AS {Alias("Name")},"
                + $" i.{instances.Column(nameof(WorkflowInstanceEntity.StateJson))} AS {Alias("Value")}"
                + $" FROM {instances.Name} i WHERE i.{instances.Column(nameof(WorkflowInstanceEntity.Id))} = {{0}}"
                + " UNION ALL " + VariablesOf(variables) + $" WHERE v.{variables.Column(nameof(WorkflowVariableEntity.InstanceId))} = {{0}}";
        });
        var parts = await db.Database.SqlQueryRaw<StateRowPart>(sql, id).ToListAsync(cancellationToken);
        return Assemble(parts).FirstOrDefault();
    }

    /// <summary>A task's status and instance id, with the instance and its variables while the task is open.</summary>
    private async Task<(string Status, Guid InstanceId, ProcessInstance? Instance)?> ReadTaskInstanceAsync(string taskId, CancellationToken cancellationToken)
    {
        var open = UserTaskStatus.Open.ToString();
        var sql = Statement("task", () =>
        {
            var (tasks, instances, variables) = (RowTable.Of<WorkflowTaskEntity>(db), RowTable.Of<WorkflowInstanceEntity>(db), RowTable.Of<WorkflowVariableEntity>(db));
            var (taskInstance, taskStatus, taskKey) = (tasks.Column(nameof(WorkflowTaskEntity.InstanceId)), tasks.Column(nameof(WorkflowTaskEntity.Status)), tasks.Column(nameof(WorkflowTaskEntity.Id)));
            return $"SELECT {StatePart} AS {Alias("Part")}, t.{taskInstance} AS {Alias("InstanceId")},"
                + $" i.{instances.Column(nameof(WorkflowInstanceEntity.Revision))} AS {Alias("Revision")}, t.{taskStatus} AS {Alias("Scope")}, NULL AS {Alias("Name")},"
                + $" CASE WHEN t.{taskStatus} = {{1}} THEN i.{instances.Column(nameof(WorkflowInstanceEntity.StateJson))} END AS {Alias("Value")}"
                + $" FROM {tasks.Name} t LEFT JOIN {instances.Name} i ON i.{instances.Column(nameof(WorkflowInstanceEntity.Id))} = t.{taskInstance}"
                + $" WHERE t.{taskKey} = {{0}}"
                + " UNION ALL " + VariablesOf(variables) + $" JOIN {tasks.Name} t ON t.{taskInstance} = v.{variables.Column(nameof(WorkflowVariableEntity.InstanceId))}"
                + $" WHERE t.{taskKey} = {{0}} AND t.{taskStatus} = {{1}}";
        });
        var parts = await db.Database.SqlQueryRaw<StateRowPart>(sql, taskId, open).ToListAsync(cancellationToken);
        if (parts.Find(p => p.Part == StatePart) is not { Scope: { } status } task)
        {
            return null;
        }

        // The instance's columns come with an open task only (its state, then its variables).
        var instance = task.Value is null ? null : Assemble(parts).FirstOrDefault();
        return (status, task.InstanceId, instance);
    }

    /// <summary>The instances with these ids, with their variables, in one statement.</summary>
    private async Task<List<ProcessInstance>> ReadInstancesAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var found = new List<ProcessInstance>(ids.Count);
        foreach (var chunk in ids.Chunk(RowTable.MaxParameters / 2))
        {
            var (instances, variables) = (RowTable.Of<WorkflowInstanceEntity>(db), RowTable.Of<WorkflowVariableEntity>(db));
            var list = string.Join(", ", chunk.Select((_, i) => $"{{{i}}}"));
            var sql = $"SELECT {StatePart} AS {Alias("Part")}, i.{instances.Column(nameof(WorkflowInstanceEntity.Id))} AS {Alias("InstanceId")},"
                + $" i.{instances.Column(nameof(WorkflowInstanceEntity.Revision))} AS {Alias("Revision")}, NULL AS {Alias("Scope")}, NULL AS {Alias("Name")},"
                + $" i.{instances.Column(nameof(WorkflowInstanceEntity.StateJson))} AS {Alias("Value")}"
                + $" FROM {instances.Name} i WHERE i.{instances.Column(nameof(WorkflowInstanceEntity.Id))} IN ({list})"
                + " UNION ALL " + VariablesOf(variables) + $" WHERE v.{variables.Column(nameof(WorkflowVariableEntity.InstanceId))} IN ({list})";
            found.AddRange(Assemble(await db.Database.SqlQueryRaw<StateRowPart>(sql, chunk.Cast<object>().ToArray()).ToListAsync(cancellationToken)));
        }

        return found;
    }

    private string VariablesOf(RowTable variables) =>
        $"SELECT {VariablePart}, v.{variables.Column(nameof(WorkflowVariableEntity.InstanceId))}, NULL, v.{variables.Column(nameof(WorkflowVariableEntity.ScopeId))},"
        + $" v.{variables.Column(nameof(WorkflowVariableEntity.Name))}, v.{variables.Column(nameof(WorkflowVariableEntity.Value))} FROM {variables.Name} v";

    private string Alias(string name) => RowTable.Of<WorkflowVariableEntity>(db).Delimit(name);

    private string Statement(string name, Func<string> build) => Statements.GetOrAdd((db.Model, name), static (_, build) => build(), build);

    /// <summary>
    /// The instances of the rows: each state with its variables put back into its scopes (a
    /// variable's row wins over a value an older state JSON still holds). Remembers what was read.
    /// </summary>
    private List<ProcessInstance> Assemble(List<StateRowPart> parts)
    {
        var found = new List<ProcessInstance>();
        foreach (var state in parts.Where(p => p.Part == StatePart && p.Value is not null))
        {
            var instance = InstanceJson.Deserialize(state.Value!);
            instance.Revision = state.Revision ?? 0;
            var read = new Dictionary<(string, string), object?>();
            foreach (var row in parts.Where(p => p.Part == VariablePart && p.InstanceId == instance.Id))
            {
                var value = InstanceJson.DeserializeValue(row.Value!);
                read[(row.Scope!, row.Name!)] = Variables.Clone(value);
                if (row.Scope == ProtectedScope)
                {
                    if (!instance.ProtectedVariables.Contains(row.Name!))
                    {
                        instance.ProtectedVariables.Add(row.Name!);
                    }
                }
                else if (instance.Scopes.Find(s => s.Id == row.Scope) is { } scope)
                {
                    scope.Variables[row.Name!] = value;
                }
            }

            _loadedVariables[instance.Id] = read;
            _loadedBookmarks[instance.Id] = BookmarkRows(instance);
            found.Add(instance);
        }

        return found;
    }

    /// <summary>
    /// The variable rows of a commit of <paramref name="instance"/>: all of them for a new instance, or
    /// for one this store did not read (after removing whatever rows it had); otherwise the rows whose
    /// value differs from the one read, the new ones and the deleted ones.
    /// </summary>
    private void WriteVariables(WriteBatch batch, ProcessInstance instance, bool isNew, List<WorkflowVariableEntity> added)
    {
        var variables = RowTable.Of<WorkflowVariableEntity>(db);
        var (instanceColumn, scopeColumn, nameColumn) = (variables.Column(nameof(WorkflowVariableEntity.InstanceId)),
            variables.Column(nameof(WorkflowVariableEntity.ScopeId)), variables.Column(nameof(WorkflowVariableEntity.Name)));
        if (!_loadedVariables.TryGetValue(instance.Id, out var before))
        {
            if (!isNew)
            {
                batch.Add($"DELETE FROM {variables.Name} WHERE {instanceColumn} = {variables.Placeholder("w0")}",
                    [batch.Parameter(variables, nameof(WorkflowVariableEntity.InstanceId), 0, instance.Id)]);
            }

            foreach (var (scope, name, value) in Entries(instance))
            {
                added.Add(Row(instance.Id, scope, name, value));
            }

            return;
        }

        var seen = 0;
        foreach (var (scope, name, value) in Entries(instance))
        {
            if (!before.TryGetValue((scope, name), out var old))
            {
                added.Add(Row(instance.Id, scope, name, value));
                continue;
            }

            seen++;
            if (!Same(old, value))
            {
                batch.Add($"UPDATE {variables.Name} SET {variables.Column(nameof(WorkflowVariableEntity.Value))} = {variables.Placeholder("w0")}"
                    + $" WHERE {instanceColumn} = {variables.Placeholder("w1")} AND {scopeColumn} = {variables.Placeholder("w2")} AND {nameColumn} = {variables.Placeholder("w3")}",
                    [batch.Parameter(variables, nameof(WorkflowVariableEntity.Value), 0, InstanceJson.SerializeValue(value)),
                        batch.Parameter(variables, nameof(WorkflowVariableEntity.InstanceId), 1, instance.Id),
                        batch.Parameter(variables, nameof(WorkflowVariableEntity.ScopeId), 2, scope),
                        batch.Parameter(variables, nameof(WorkflowVariableEntity.Name), 3, name)],
                    rows: 1, otherwise: () => new DbUpdateConcurrencyException($"Variable '{name}' of process instance '{instance.Id}' was removed by another unit of work."));
            }
        }

        if (seen == before.Count)
        {
            return;
        }

        // Rows read that the instance no longer has: a scope that ended goes whole, a variable that went alone.
        var scopes = instance.Scopes.ToDictionary(s => s.Id, s => (ICollection<string>)s.Variables.Keys);
        scopes[ProtectedScope] = instance.ProtectedVariables;
        foreach (var gone in before.Keys.Where(k => !(scopes.TryGetValue(k.Scope, out var names) && names.Contains(k.Name))).GroupBy(k => k.Scope))
        {
            var parameters = new List<System.Data.Common.DbParameter>
            {
                batch.Parameter(variables, nameof(WorkflowVariableEntity.InstanceId), 0, instance.Id),
                batch.Parameter(variables, nameof(WorkflowVariableEntity.ScopeId), 1, gone.Key),
            };
            if (!scopes.ContainsKey(gone.Key))
            {
                batch.Add($"DELETE FROM {variables.Name} WHERE {instanceColumn} = {variables.Placeholder("w0")} AND {scopeColumn} = {variables.Placeholder("w1")}", parameters);
                continue;
            }

            foreach (var chunk in gone.Chunk(RowTable.MaxParameters - 2))
            {
                var names = chunk.Select((key, i) => batch.Parameter(variables, nameof(WorkflowVariableEntity.Name), i + 2, key.Name)).ToList();
                batch.Add($"DELETE FROM {variables.Name} WHERE {instanceColumn} = {variables.Placeholder("w0")} AND {scopeColumn} = {variables.Placeholder("w1")}"
                    + $" AND {nameColumn} IN (" + string.Join(", ", names.Select((_, i) => variables.Placeholder("w" + (i + 2)))) + ")",
                    [.. parameters, .. names]);
            }
        }
    }

    /// <summary>After a commit: the rows now hold the instance's variables as they are.</summary>
    private void RememberVariables(ProcessInstance instance)
    {
        var now = new Dictionary<(string, string), object?>();
        foreach (var (scope, name, value) in Entries(instance))
        {
            now[(scope, name)] = Variables.Clone(value);
        }

        _loadedVariables[instance.Id] = now;
    }

    /// <summary>What the rows hold: each scope's variables, then the names of the protected ones.</summary>
    private static IEnumerable<(string Scope, string Name, object? Value)> Entries(ProcessInstance instance)
    {
        foreach (var scope in instance.Scopes)
        {
            foreach (var (name, value) in scope.Variables)
            {
                yield return (scope.Id, name, value);
            }
        }

        foreach (var name in instance.ProtectedVariables.Distinct(StringComparer.Ordinal))
        {
            yield return (ProtectedScope, name, null);
        }
    }

    private static WorkflowVariableEntity Row(Guid instanceId, string scopeId, string name, object? value)
    {
        if (name.Length > WorkflowVariableEntity.MaxNameLength)
        {
            throw new ArgumentException($"Variable '{name[..40]}...' has a name of {name.Length} characters; at most {WorkflowVariableEntity.MaxNameLength} are kept.");
        }

        return new WorkflowVariableEntity { InstanceId = instanceId, ScopeId = scopeId, Name = name, Value = InstanceJson.SerializeValue(value) };
    }

    /// <summary>Whether a value is the one read: structurally equal, and a number with the same digits (1.0 is written "1.0", not "1.00").</summary>
    private static bool Same(object? read, object? now) => (read, now) switch
    {
        (decimal a, decimal b) => a == b && a.Scale == b.Scale,
        (List<object?> a, List<object?> b) => a.Count == b.Count && a.Zip(b).All(p => Same(p.First, p.Second)),
        (Dictionary<string, object?> a, Dictionary<string, object?> b) =>
            a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && Same(p.Value, other)) && a.Keys.SequenceEqual(b.Keys),
        _ => Variables.AreEqual(read, now),
    };

    /// <summary>A row of the read of an instance: its state (<see cref="StatePart"/>) or one of its variables (<see cref="VariablePart"/>).</summary>
    private sealed class StateRowPart
    {
        public int Part { get; init; }
        public Guid InstanceId { get; init; }
        public long? Revision { get; init; }

        /// <summary>A variable's scope; for a task's read, the task's status.</summary>
        public string? Scope { get; init; }

        public string? Name { get; init; }

        /// <summary>The state JSON, or the variable's value as JSON.</summary>
        public string? Value { get; init; }
    }
}
