using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
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
/// grow with the start variables, are rows too, of the scope <see cref="ProtectedScope"/>, which no
/// scope of an instance has: each row holds, as a JSON array, the names one commit protected (a
/// start with a thousand variables writes one such row, not a thousand). Names are never taken
/// back, so a row is never changed: a later commit that protects more names adds a row of them.
/// Rows written before hold one name each (scope <see cref="NameRowScope"/>, null value); they are
/// read as they are and left in place.
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

    /// <summary>The scope id of the rows that hold the names of the protected variables, a commit's names to a row.</summary>
    private const string ProtectedScope = "#protected";

    /// <summary>The scope id of the rows that held one protected name each, as stores wrote them before <see cref="ProtectedScope"/>.</summary>
    private const string NameRowScope = "";

    /// <summary>Per instance, the variable rows as this store read or last wrote them, by scope and name (never changed: see <see cref="VariableCache"/>).</summary>
    private readonly Dictionary<Guid, IReadOnlyDictionary<(string Scope, string Name), object?>> _loadedVariables = [];

    /// <summary>Per instance of the commit being written, the rows as they will be once it is committed.</summary>
    private readonly Dictionary<Guid, IReadOnlyDictionary<(string Scope, string Name), object?>> _writtenVariables = [];

    private static readonly ConcurrentDictionary<(IModel, string), string> Statements = new();

    /// <summary>The database this store works on, as <see cref="VariableCache"/> tells databases apart; null leaves the cache out.</summary>
    private string? CacheKey => _cacheKey ??= db.Database.GetConnectionString() ?? string.Empty;

    private string? _cacheKey;

    /// <summary>
    /// An instance with its variables, as of one snapshot of the database. The variable rows come
    /// only when the instance's revision is not the one the cache holds its variables at.
    /// </summary>
    private async Task<ProcessInstance?> ReadInstanceAsync(Guid id, CancellationToken cancellationToken)
    {
        var sql = Statement("instance", () =>
        {
            var (instances, variables) = (RowTable.Of<WorkflowInstanceEntity>(db), RowTable.Of<WorkflowVariableEntity>(db));
            var (key, revision) = (instances.Column(nameof(WorkflowInstanceEntity.Id)), instances.Column(nameof(WorkflowInstanceEntity.Revision)));
            return StatesOf(instances, $"= {P(0)}")
                + " UNION ALL " + VariablesOf(variables) + $" WHERE v.{variables.Column(nameof(WorkflowVariableEntity.InstanceId))} = {P(0)}"
                + $" AND NOT EXISTS (SELECT 1 FROM {instances.Name} c WHERE c.{key} = {P(0)} AND c.{revision} = {P(1)})";
        });
        var cached = Cache?.Find(CacheKey!, id);
        var instances = RowTable.Of<WorkflowInstanceEntity>(db);
        var parts = await QueryAsync(sql, cancellationToken,
            (instances, nameof(WorkflowInstanceEntity.Id), id), (instances, nameof(WorkflowInstanceEntity.Revision), cached?.Revision ?? -1));
        return Assemble(parts, cached is null ? null : (id, cached)).FirstOrDefault();
    }

    /// <summary>A task's status and instance id, with the instance and its variables while the task is open (see <see cref="ReadInstanceAsync"/>).</summary>
    private async Task<(string Status, Guid InstanceId, ProcessInstance? Instance)?> ReadTaskInstanceAsync(string taskId, CancellationToken cancellationToken)
    {
        var open = UserTaskStatus.Open.ToString();
        var sql = Statement("task", () =>
        {
            var (tasks, instances, variables) = (RowTable.Of<WorkflowTaskEntity>(db), RowTable.Of<WorkflowInstanceEntity>(db), RowTable.Of<WorkflowVariableEntity>(db));
            var (taskInstance, taskStatus, taskKey) = (tasks.Column(nameof(WorkflowTaskEntity.InstanceId)), tasks.Column(nameof(WorkflowTaskEntity.Status)), tasks.Column(nameof(WorkflowTaskEntity.Id)));
            var (key, revision) = (instances.Column(nameof(WorkflowInstanceEntity.Id)), instances.Column(nameof(WorkflowInstanceEntity.Revision)));
            return $"SELECT {StatePart} AS {Alias("Part")}, t.{taskInstance} AS {Alias("InstanceId")}, i.{revision} AS {Alias("Revision")},"
                + $" t.{taskStatus} AS {Alias("Scope")}, NULL AS {Alias("Name")},"
                + $" CASE WHEN t.{taskStatus} = {P(1)} THEN i.{instances.Column(nameof(WorkflowInstanceEntity.StateJson))} END AS {Alias("Value")}"
                + $" FROM {tasks.Name} t LEFT JOIN {instances.Name} i ON i.{key} = t.{taskInstance}"
                + $" WHERE t.{taskKey} = {P(0)}"
                // The instance is looked up once, before any variable row: joined to them, PostgreSQL's
                // planner at times checked the cached revision once per row, reading all of them.
                + " UNION ALL " + VariablesOf(variables)
                + $" WHERE v.{variables.Column(nameof(WorkflowVariableEntity.InstanceId))} = (SELECT c.{key} FROM {instances.Name} c"
                // The task is found by its key alone; an ended task's instance is NULL, so no variable is read.
                + $" WHERE c.{key} = (SELECT CASE WHEN t.{taskStatus} = {P(1)} THEN t.{taskInstance} END FROM {tasks.Name} t WHERE t.{taskKey} = {P(0)})"
                + $" AND NOT (c.{key} = {P(2)} AND c.{revision} = {P(3)}))";
        });
        var cached = Cache?.FindByTask(CacheKey!, taskId);
        var (tasks, instances) = (RowTable.Of<WorkflowTaskEntity>(db), RowTable.Of<WorkflowInstanceEntity>(db));
        var parts = await QueryAsync(sql, cancellationToken,
            (tasks, nameof(WorkflowTaskEntity.Id), taskId), (tasks, nameof(WorkflowTaskEntity.Status), open),
            (instances, nameof(WorkflowInstanceEntity.Id), cached?.Instance ?? Guid.Empty), (instances, nameof(WorkflowInstanceEntity.Revision), cached?.Entry.Revision ?? -1));
        if (parts.Find(p => p.Part == StatePart) is not { Scope: { } status } task)
        {
            return null;
        }

        // The instance's columns come with an open task only (its state, then its variables).
        var instance = task.Value is null ? null : Assemble(parts, cached).FirstOrDefault();
        return (status, task.InstanceId, instance);
    }

    /// <summary>The instances with these ids, with all their variables, in one statement per few hundred.</summary>
    private async Task<List<ProcessInstance>> ReadInstancesAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var found = new List<ProcessInstance>(ids.Count);
        var (instances, variables) = (RowTable.Of<WorkflowInstanceEntity>(db), RowTable.Of<WorkflowVariableEntity>(db));
        foreach (var chunk in ids.Chunk(variables.MaxParameters))
        {
            var list = string.Join(", ", chunk.Select((_, i) => P(i)));
            var sql = StatesOf(instances, $"IN ({list})")
                + " UNION ALL " + VariablesOf(variables) + $" WHERE v.{variables.Column(nameof(WorkflowVariableEntity.InstanceId))} IN ({list})";
            var parameters = chunk.Select(id => (instances, nameof(WorkflowInstanceEntity.Id), (object?)id)).ToArray();
            found.AddRange(Assemble(await QueryAsync(sql, cancellationToken, parameters), null));
        }

        return found;
    }

    /// <summary>The process's cache, for a store that knows its database.</summary>
    private VariableCache? Cache => CacheKey is { Length: > 0 } ? VariableCache.Shared : null;

    /// <summary>The state rows (<see cref="StatePart"/>) of the instances whose id matches <paramref name="idCondition"/>.</summary>
    private string StatesOf(RowTable instances, string idCondition) =>
        $"SELECT {StatePart} AS {Alias("Part")}, i.{instances.Column(nameof(WorkflowInstanceEntity.Id))} AS {Alias("InstanceId")},"
        + $" i.{instances.Column(nameof(WorkflowInstanceEntity.Revision))} AS {Alias("Revision")}, NULL AS {Alias("Scope")}, NULL AS {Alias("Name")},"
        + $" i.{instances.Column(nameof(WorkflowInstanceEntity.StateJson))} AS {Alias("Value")}"
        + $" FROM {instances.Name} i WHERE i.{instances.Column(nameof(WorkflowInstanceEntity.Id))} {idCondition}";

    private string VariablesOf(RowTable variables) =>
        $"SELECT {VariablePart}, v.{variables.Column(nameof(WorkflowVariableEntity.InstanceId))}, NULL, v.{variables.Column(nameof(WorkflowVariableEntity.ScopeId))},"
        + $" v.{variables.Column(nameof(WorkflowVariableEntity.Name))}, v.{variables.Column(nameof(WorkflowVariableEntity.Value))} FROM {variables.Name} v";

    private string Alias(string name) => RowTable.Of<WorkflowVariableEntity>(db).Delimit(name);

    /// <summary>The placeholder of the read's parameter <paramref name="index"/>.</summary>
    private string P(int index) => RowTable.Of<WorkflowVariableEntity>(db).Placeholder("r" + index);

    /// <summary>
    /// Runs a read of state and variable rows on the context's connection, past EF's query pipeline
    /// (building and looking up a query there cost more than the read on SQLite), reported like a
    /// write batch (<see cref="DataTelemetry"/>). Parameters are typed as the model maps their columns.
    /// </summary>
    private async Task<List<StateRowPart>> QueryAsync(string sql, CancellationToken cancellationToken, params (RowTable Table, string Property, object? Value)[] parameters)
    {
        using var activity = DataTelemetry.Source.StartActivity(DataTelemetry.ReadActivity);
        if (activity is not null)
        {
            activity.SetTag(DataTelemetry.StatementsTag, 1);
            activity.SetTag(DataTelemetry.RoundTripsTag, 1);
            if (DataTelemetry.RecordText && activity.IsAllDataRequested)
            {
                activity.SetTag(DataTelemetry.TextTag, sql);
            }
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            for (var i = 0; i < parameters.Length; i++)
            {
                command.Parameters.Add(parameters[i].Table.Parameter(command, parameters[i].Property, "r" + i, parameters[i].Value));
            }

            var parts = new List<StateRowPart>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                parts.Add(new StateRowPart
                {
                    Part = reader.GetInt32(0),
                    InstanceId = reader.GetGuid(1),
                    Revision = reader.IsDBNull(2) ? null : reader.GetInt64(2),
                    Scope = reader.IsDBNull(3) ? null : reader.GetString(3),
                    Name = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Value = reader.IsDBNull(5) ? null : reader.GetString(5),
                });
            }

            return parts;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private string Statement(string name, Func<string> build) => Statements.GetOrAdd((db.Model, name), static (_, build) => build(), build);

    /// <summary>
    /// The instances of the rows: each state with its variables put back into its scopes, from the
    /// rows read or, when the instance is at the revision <paramref name="cached"/> holds, from there
    /// (a variable's row wins over a value an older state JSON still holds). Remembers what was read.
    /// </summary>
    private List<ProcessInstance> Assemble(List<StateRowPart> parts, (Guid Instance, VariableCache.Entry Entry)? cached)
    {
        var found = new List<ProcessInstance>();
        foreach (var state in parts.Where(p => p.Part == StatePart && p.Value is not null))
        {
            var instance = InstanceJson.Deserialize(state.Value!);
            instance.Revision = state.Revision ?? 0;
            IReadOnlyDictionary<(string Scope, string Name), object?> read;
            if (cached is { } held && held.Instance == instance.Id && held.Entry.Revision == instance.Revision)
            {
                read = held.Entry.Values;
            }
            else
            {
                var rows = new Dictionary<(string, string), object?>();
                foreach (var row in parts.Where(p => p.Part == VariablePart && p.InstanceId == instance.Id))
                {
                    rows[(row.Scope!, row.Name!)] = InstanceJson.DeserializeValue(row.Value!);
                }

                read = rows;
                Cache?.Publish(CacheKey!, instance.Id, instance.Revision, rows, TaskIds(instance));
            }

            PutBack(instance, read);
            _loadedVariables[instance.Id] = read;
            _loadedBookmarks[instance.Id] = BookmarkRows(instance);
            found.Add(instance);
        }

        return found;
    }

    /// <summary>Puts the variables read into the instance's scopes, as copies: the instance is the unit of work's to change.</summary>
    private static void PutBack(ProcessInstance instance, IReadOnlyDictionary<(string Scope, string Name), object?> read)
    {
        if (read.Count == 0)
        {
            return;
        }

        // Only a state saved before variables had rows lists protected names itself; then a name may be in both.
        Scope? holder = null;
        foreach (var ((scope, name), value) in read)
        {
            if (scope == ProtectedScope)
            {
                foreach (var protectedName in (List<object?>)value!)
                {
                    instance.Protect((string)protectedName!);
                }
            }
            else if (scope == NameRowScope)
            {
                instance.Protect(name);
            }
            else
            {
                // Rows come scope by scope: look the scope up when it changes.
                if (holder?.Id != scope)
                {
                    holder = instance.Scopes.Find(s => s.Id == scope);
                }

                if (holder is not null)
                {
                    holder.Variables[name] = Variables.Clone(value);
                }
            }
        }
    }

    /// <summary>The user tasks an instance waits at: a completion finds the instance's cached variables by them.</summary>
    private static List<string> TaskIds(ProcessInstance instance) =>
        instance.Bookmarks.Where(b => b.Kind == BookmarkKind.UserTask).Select(b => b.Id).ToList();

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

            var all = new Dictionary<(string Scope, string Name), object?>();
            foreach (var (scope, name, value) in Entries(instance))
            {
                added.Add(Row(instance.Id, scope, name, value));
                all[(scope, name)] = Variables.Clone(value);
            }

            if (NewlyProtected(instance, all, (0, 0, 0)) is { } first)
            {
                added.Add(Row(instance.Id, first.Key.Scope, first.Key.Name, first.Names));
                all[first.Key] = first.Names;
            }

            _writtenVariables[instance.Id] = all;
            return;
        }

        // The rows as they will be: those read, copied at the first change (most steps change none).
        Dictionary<(string Scope, string Name), object?>? after = null;
        Dictionary<(string Scope, string Name), object?> Changing() => after ??= new Dictionary<(string Scope, string Name), object?>(before);
        var seen = 0;
        foreach (var (scope, name, value) in Entries(instance))
        {
            if (!before.TryGetValue((scope, name), out var old))
            {
                added.Add(Row(instance.Id, scope, name, value));
                Changing()[(scope, name)] = Variables.Clone(value);
                continue;
            }

            seen++;
            if (!Same(old, value))
            {
                Changing()[(scope, name)] = Variables.Clone(value);
                batch.Add($"UPDATE {variables.Name} SET {variables.Column(nameof(WorkflowVariableEntity.Value))} = {variables.Placeholder("w0")}"
                    + $" WHERE {instanceColumn} = {variables.Placeholder("w1")} AND {scopeColumn} = {variables.Placeholder("w2")} AND {nameColumn} = {variables.Placeholder("w3")}",
                    [batch.Parameter(variables, nameof(WorkflowVariableEntity.Value), 0, InstanceJson.SerializeValue(value)),
                        batch.Parameter(variables, nameof(WorkflowVariableEntity.InstanceId), 1, instance.Id),
                        batch.Parameter(variables, nameof(WorkflowVariableEntity.ScopeId), 2, scope),
                        batch.Parameter(variables, nameof(WorkflowVariableEntity.Name), 3, name)],
                    rows: 1, otherwise: () => new DbUpdateConcurrencyException($"Variable '{name}' of process instance '{instance.Id}' was removed by another unit of work."));
            }
        }

        var held = ProtectedNamesHeld(before);
        if (NewlyProtected(instance, before, held) is { } more)
        {
            added.Add(Row(instance.Id, more.Key.Scope, more.Key.Name, more.Names));
            Changing()[more.Key] = more.Names;
        }

        if (seen + held.Rows < before.Count)
        {
            // Rows read that the instance no longer has: a scope that ended goes whole, a variable that went alone.
            var scopes = instance.Scopes.ToDictionary(s => s.Id, s => (ICollection<string>)s.Variables.Keys);
            var gone = before.Keys.Where(k => !IsProtectedNames(k.Scope) && !(scopes.TryGetValue(k.Scope, out var names) && names.Contains(k.Name)));
            foreach (var scopeGone in gone.GroupBy(k => k.Scope))
            {
                foreach (var key in scopeGone)
                {
                    Changing().Remove(key);
                }

                var parameters = new List<System.Data.Common.DbParameter>
                {
                    batch.Parameter(variables, nameof(WorkflowVariableEntity.InstanceId), 0, instance.Id),
                    batch.Parameter(variables, nameof(WorkflowVariableEntity.ScopeId), 1, scopeGone.Key),
                };
                if (!scopes.ContainsKey(scopeGone.Key))
                {
                    batch.Add($"DELETE FROM {variables.Name} WHERE {instanceColumn} = {variables.Placeholder("w0")} AND {scopeColumn} = {variables.Placeholder("w1")}", parameters);
                    continue;
                }

                foreach (var chunk in scopeGone.Chunk(variables.MaxParameters - 2))
                {
                    var names = chunk.Select((key, i) => batch.Parameter(variables, nameof(WorkflowVariableEntity.Name), i + 2, key.Name)).ToList();
                    batch.Add($"DELETE FROM {variables.Name} WHERE {instanceColumn} = {variables.Placeholder("w0")} AND {scopeColumn} = {variables.Placeholder("w1")}"
                        + $" AND {nameColumn} IN (" + string.Join(", ", names.Select((_, i) => variables.Placeholder("w" + (i + 2)))) + ")",
                        [.. parameters, .. names]);
                }
            }
        }

        _writtenVariables[instance.Id] = after ?? before;
    }

    /// <summary>After a commit: the rows now hold the instance's variables as the commit wrote them.</summary>
    private void RememberVariables(ProcessInstance instance)
    {
        if (_writtenVariables.Remove(instance.Id, out var written))
        {
            _loadedVariables[instance.Id] = written;
            Cache?.Publish(CacheKey!, instance.Id, instance.Revision, written, TaskIds(instance));
        }
    }

    /// <summary>After a failed commit: neither this store nor the process knows the rows any longer.</summary>
    private void ForgetVariables(ProcessInstance instance)
    {
        _loadedVariables.Remove(instance.Id);
        _writtenVariables.Remove(instance.Id);
        Cache?.Forget(CacheKey!, instance.Id);
    }

    /// <summary>The variable rows of the instance's scopes (the protected names are <see cref="NewlyProtected"/>'s).</summary>
    private static IEnumerable<(string Scope, string Name, object? Value)> Entries(ProcessInstance instance)
    {
        foreach (var scope in instance.Scopes)
        {
            foreach (var (name, value) in scope.Variables)
            {
                yield return (scope.Id, name, value);
            }
        }
    }

    private static bool IsProtectedNames(string scope) => scope is ProtectedScope or NameRowScope;

    /// <summary>The rows of protected names among <paramref name="rows"/>: how many, how many names they hold, and how many are lists of a commit's names.</summary>
    private static (int Rows, int Names, int Lists) ProtectedNamesHeld(IReadOnlyDictionary<(string Scope, string Name), object?> rows)
    {
        var held = (Rows: 0, Names: 0, Lists: 0);
        foreach (var ((scope, _), value) in rows)
        {
            if (scope == ProtectedScope)
            {
                held = (held.Rows + 1, held.Names + ((List<object?>)value!).Count, held.Lists + 1);
            }
            else if (scope == NameRowScope)
            {
                held = (held.Rows + 1, held.Names + 1, held.Lists);
            }
        }

        return held;
    }

    /// <summary>
    /// The row of the names the instance protects that <paramref name="rows"/> do not hold yet, keyed
    /// after the rows of names there are (<paramref name="held"/>); null when every name is held.
    /// Names only grow, and the engine adds each once, so comparing counts settles most commits
    /// without a lookup.
    /// </summary>
    private static ((string Scope, string Name) Key, List<object?> Names)? NewlyProtected(ProcessInstance instance,
        IReadOnlyDictionary<(string Scope, string Name), object?> rows, (int Rows, int Names, int Lists) held)
    {
        if (instance.ProtectedVariables.Count <= held.Names)
        {
            return null;
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ((scope, name), value) in rows)
        {
            if (scope == ProtectedScope)
            {
                known.UnionWith(((List<object?>)value!).Cast<string>());
            }
            else if (scope == NameRowScope)
            {
                known.Add(name);
            }
        }

        var names = instance.ProtectedVariables.Where(known.Add).Select(n => (object?)n).ToList();
        return names.Count == 0 ? null : ((ProtectedScope, (held.Lists + 1).ToString(CultureInfo.InvariantCulture)), names);
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
