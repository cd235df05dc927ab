using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Data.Tests.Engine;

/// <summary>
/// Variables as rows of their own: a step writes the variables it changed, added or removed and
/// leaves the others alone, the state JSON holds none, and the rows always mirror the state.
/// </summary>
public abstract class EngineVariableRowsTests(TestDatabase database) : EngineStoreTestBase(database)
{
    private const int Many = 200;

    [Fact]
    public async Task A_step_writes_the_variables_it_changed_and_not_the_others()
    {
        await using var server = NewEngine();
        await server.DeployAsync("sequential-mi.bpmn");
        var variables = Enumerable.Range(0, Many).ToDictionary(i => $"v{i:D3}", i => (object?)$"value {i}");
        variables["signatures"] = 2;
        var (started, startBatches) = await CapturedAsync(() => server.StartAsync("sequentialSignatures", variables));
        var start = Assert.Single(startBatches);
        Assert.Contains("INSERT INTO \"WorkflowVariables\"", start);
        var rows = await AssertMirroredAsync(started.Id);
        // The start variables, the body's three counters and the first item's loopCounter; and the start variables' names as protected, in one row.
        Assert.Equal(Many + 1 + 3 + 1, rows.Count(IsVariable));
        var names = Assert.Single(rows, r => !IsVariable(r));
        Assert.Equal(ProtectedScope, names.ScopeId);
        Assert.Equal(Many + 1, ProtectedNames(names).Count);

        // The state JSON carries no variable, so its size does not depend on how many there are.
        var state = await server.Db.Set<WorkflowInstanceEntity>().AsNoTracking().Where(i => i.Id == started.Id).Select(i => i.StateJson).SingleAsync();
        Assert.DoesNotContain("v199", state);
        Assert.DoesNotContain("\"variables\"", state);
        Assert.DoesNotContain("\"protectedVariables\"", state);

        // The first signature: the body's counters change, the item scope goes, the next item's comes.
        await using (var next = NewEngine())
        {
            var task = await next.OpenTaskAsync(started.Id, "sign");
            var (_, step) = await CapturedAsync(() => next.Engine.CompleteTaskAsync(task.Id, actor: "signer-0"));
            var written = Statements(Assert.Single(step));
            var updates = written.Count(s => s.StartsWith("UPDATE \"WorkflowVariables\"", StringComparison.Ordinal));
            Assert.InRange(updates, 1, 2); // nrOfCompletedInstances, and nrOfActiveInstances if the engine touched it
            Assert.Single(written, s => s.StartsWith("DELETE FROM \"WorkflowVariables\"", StringComparison.Ordinal));
            var inserted = Assert.Single(written, s => s.StartsWith("INSERT INTO \"WorkflowVariables\"", StringComparison.Ordinal));
            Assert.Equal(4, inserted.Split('@').Length - 1); // one row: the new item's loopCounter
        }

        var after = await AssertMirroredAsync(started.Id);
        Assert.Equal(Many + 1 + 3 + 1, after.Count(IsVariable));
        Assert.Equal("1", ValueOf(after, "loopCounter"));
        Assert.Equal("1", ValueOf(after, "nrOfCompletedInstances"));
        Assert.Equal("\"value 123\"", ValueOf(after, "v123"));

        // The last signature ends the multi-instance body: its scope's rows go, the process's stay.
        await using (var last = NewEngine())
        {
            var done = await last.CompleteAsync(started.Id, "sign", actor: "signer-1");
            Assert.Equal(InstanceStatus.Completed, done.Status);
        }

        var final = await AssertMirroredAsync(started.Id);
        Assert.Equal(Many + 1, final.Count(IsVariable));
        Assert.Single(final, r => !IsVariable(r));
    }

    [Fact]
    public async Task A_variable_removed_or_changed_in_place_is_written_and_an_unchanged_one_is_not()
    {
        await using var server = NewEngine();
        await server.DeployAsync("sequential-mi.bpmn");
        var started = await server.StartAsync("sequentialSignatures", new()
        {
            ["signatures"] = 1, ["items"] = new List<object?> { "a" }, ["limit"] = 1.0m, ["gone"] = true, ["kept"] = "same",
        });

        await using (var writer = NewEngine())
        {
            var instance = await writer.ReloadAsync(started.Id);
            ((List<object?>)instance.Variables["items"]!).Add("b");
            instance.Variables["limit"] = 1.00m; // equal, but written with another number of digits
            instance.Variables.Remove("gone");
            instance.Variables["kept"] = "same";
            var (_, batches) = await CapturedAsync(async () =>
            {
                await writer.Instances.CommitAsync(CommitOf(instance, "edit"));
                return 0;
            });
            var written = Statements(Assert.Single(batches));
            Assert.Equal(2, written.Count(s => s.StartsWith("UPDATE \"WorkflowVariables\"", StringComparison.Ordinal)));
            Assert.Single(written, s => s.StartsWith("DELETE FROM \"WorkflowVariables\"", StringComparison.Ordinal) && s.Contains(" IN (", StringComparison.Ordinal));
            Assert.DoesNotContain(written, s => s.StartsWith("INSERT INTO \"WorkflowVariables\"", StringComparison.Ordinal));
        }

        var rows = await AssertMirroredAsync(started.Id);
        Assert.Equal("[\"a\",\"b\"]", ValueOf(rows, "items"));
        Assert.Equal("1.00", ValueOf(rows, "limit"));
        Assert.DoesNotContain(rows, r => IsVariable(r) && r.Name == "gone");
        Assert.Equal("\"same\"", ValueOf(rows, "kept"));
    }

    [Fact]
    public async Task An_instance_stored_with_its_variables_in_its_state_is_read_from_there_and_moved_into_rows_at_its_next_commit()
    {
        await using var server = NewEngine();
        await server.DeployAsync("sequential-mi.bpmn");
        var started = await server.StartAsync("sequentialSignatures", new() { ["signatures"] = 2, ["customer"] = "Acme" });

        // As an instance saved before variables had rows: everything in the state, no rows (and a
        // revision this process has not seen, as after an upgrade).
        var whole = InstanceJson.Serialize(await server.ReloadAsync(started.Id));
        await server.Db.Set<WorkflowInstanceEntity>().Where(i => i.Id == started.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.StateJson, whole).SetProperty(i => i.Revision, i => i.Revision + 10));
        await server.Db.Set<WorkflowVariableEntity>().Where(v => v.InstanceId == started.Id).ExecuteDeleteAsync();

        await using (var reader = NewEngine())
        {
            var old = await reader.ReloadAsync(started.Id);
            Assert.Equal("Acme", old.Variables["customer"]);
            Assert.Equal(2m, old.Variables["signatures"]);
        }

        await using (var next = NewEngine())
        {
            await next.CompleteAsync(started.Id, "sign", actor: "signer-0");
        }

        var rows = await AssertMirroredAsync(started.Id);
        Assert.Equal("\"Acme\"", ValueOf(rows, "customer"));
        var state = await server.Db.Set<WorkflowInstanceEntity>().AsNoTracking().Where(i => i.Id == started.Id).Select(i => i.StateJson).SingleAsync();
        Assert.DoesNotContain("Acme", state);
    }

    [Fact]
    public async Task A_read_at_the_revision_the_process_holds_takes_the_variables_from_there_and_another_revision_reads_the_rows()
    {
        await using var server = NewEngine();
        await server.DeployAsync("sequential-mi.bpmn");
        var started = await server.StartAsync("sequentialSignatures", new() { ["signatures"] = 2, ["customer"] = "Acme" });

        // Behind the process's back, without a new revision: the process keeps what it holds for that revision.
        await server.Db.Set<WorkflowVariableEntity>().Where(v => v.InstanceId == started.Id && v.Name == "customer" && v.ScopeId != ProtectedScope)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.Value, "\"Changed\""));
        await using (var reader = NewEngine())
        {
            Assert.Equal("Acme", (await reader.ReloadAsync(started.Id)).Variables["customer"]);
            var task = await reader.OpenTaskAsync(started.Id, "sign");
            Assert.Equal("Acme", (await reader.Instances.FindTaskWithInstanceAsync(task.Id))!.Instance!.Variables["customer"]);
        }

        // As another server commits: a new revision, and both reads take the rows.
        await server.Db.Set<WorkflowInstanceEntity>().Where(i => i.Id == started.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Revision, i => i.Revision + 1));
        await using (var reader = NewEngine())
        {
            var task = await reader.OpenTaskAsync(started.Id, "sign");
            Assert.Equal("Changed", (await reader.Instances.FindTaskWithInstanceAsync(task.Id))!.Instance!.Variables["customer"]);
        }

        await server.Db.Set<WorkflowVariableEntity>().Where(v => v.InstanceId == started.Id && v.Name == "customer" && v.ScopeId != ProtectedScope)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.Value, "\"Again\""));
        await server.Db.Set<WorkflowInstanceEntity>().Where(i => i.Id == started.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Revision, i => i.Revision + 1));
        await using (var reader = NewEngine())
        {
            Assert.Equal("Again", (await reader.ReloadAsync(started.Id)).Variables["customer"]);

            // A unit of work changes its own copy only: the next read still has the stored value.
            (await reader.ReloadAsync(started.Id)).Variables["customer"] = "Mine";
            Assert.Equal("Again", (await reader.ReloadAsync(started.Id)).Variables["customer"]);
        }
    }

    [Fact]
    public async Task A_commit_that_protects_more_names_adds_a_row_of_them_and_rows_of_one_name_each_written_before_are_read_and_kept()
    {
        await using var server = NewEngine();
        await server.DeployAsync("sequential-mi.bpmn");
        var started = await server.StartAsync("sequentialSignatures", new() { ["signatures"] = 2, ["customer"] = "Acme", ["rating"] = "B" });

        // As a store wrote the names before: a row of scope "" and a null value for each.
        var first = await server.Db.Set<WorkflowVariableEntity>().AsNoTracking().SingleAsync(v => v.InstanceId == started.Id && v.ScopeId == ProtectedScope);
        await server.Db.Set<WorkflowVariableEntity>().Where(v => v.InstanceId == started.Id && v.ScopeId == ProtectedScope).ExecuteDeleteAsync();
        server.Db.AddRange(ProtectedNames(first).Select(name => new WorkflowVariableEntity { InstanceId = started.Id, ScopeId = "", Name = name, Value = "null" }));
        await server.Db.SaveChangesAsync();
        await server.Db.Set<WorkflowInstanceEntity>().Where(i => i.Id == started.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Revision, i => i.Revision + 1));

        await using (var writer = NewEngine())
        {
            var instance = await writer.ReloadAsync(started.Id);
            Assert.Equal(["customer", "rating", "signatures"], instance.ProtectedVariables.Order(StringComparer.Ordinal));
            Assert.False(instance.Protect("customer"));
            instance.Variables["score"] = 640;
            Assert.True(instance.Protect("score"));
            var (_, batches) = await CapturedAsync(async () =>
            {
                await writer.Instances.CommitAsync(CommitOf(instance, "score"));
                return 0;
            });
            var written = Statements(Assert.Single(batches));
            Assert.DoesNotContain(written, s => s.StartsWith("DELETE FROM \"WorkflowVariables\"", StringComparison.Ordinal));
            Assert.DoesNotContain(written, s => s.StartsWith("UPDATE \"WorkflowVariables\"", StringComparison.Ordinal));
            var inserted = Assert.Single(written, s => s.StartsWith("INSERT INTO \"WorkflowVariables\"", StringComparison.Ordinal));
            Assert.Equal(2 * 4, inserted.Split('@').Length - 1); // the variable, and the row of the one new name
        }

        var rows = await AssertMirroredAsync(started.Id);
        Assert.Equal(3, rows.Count(r => r.ScopeId == ""));
        var added = Assert.Single(rows, r => r.ScopeId == ProtectedScope);
        Assert.Equal(["score"], ProtectedNames(added));

        // A step that protects nothing new writes no row of names, and a next one numbers its row after the others.
        await using (var next = NewEngine())
        {
            var task = await next.OpenTaskAsync(started.Id, "sign");
            var (_, step) = await CapturedAsync(() => next.Engine.CompleteTaskAsync(task.Id, actor: "signer-0"));
            Assert.DoesNotContain(ProtectedScope, Assert.Single(step));

            var instance = await next.ReloadAsync(started.Id);
            instance.Protect("limit");
            instance.Protect("grade");
            await next.Instances.CommitAsync(CommitOf(instance, "more"));
        }

        var final = await AssertMirroredAsync(started.Id);
        Assert.Equal(["1", "2"], final.Where(r => r.ScopeId == ProtectedScope).Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["limit", "grade"], ProtectedNames(final.Single(r => r.ScopeId == ProtectedScope && r.Name == "2")));
    }

    /// <summary>The scope of the rows that hold protected names, a commit's names to a row.</summary>
    private const string ProtectedScope = "#protected";

    /// <summary>Whether a row holds a variable (not protected names).</summary>
    private static bool IsVariable(WorkflowVariableEntity row) => row.ScopeId is not ("" or ProtectedScope);

    private static List<string> ProtectedNames(WorkflowVariableEntity row) => System.Text.Json.JsonSerializer.Deserialize<List<string>>(row.Value)!;

    /// <summary>The stored JSON of a variable (not of a row of protected names).</summary>
    private static string ValueOf(List<WorkflowVariableEntity> rows, string name) => rows.Single(r => IsVariable(r) && r.Name == name).Value;

    /// <summary>The variable rows of the instance are exactly the variables of its scopes, as a fresh read shows them; returns the rows.</summary>
    private async Task<List<WorkflowVariableEntity>> AssertMirroredAsync(Guid instanceId)
    {
        await using var reader = NewEngine();
        var state = await reader.ReloadAsync(instanceId);
        var rows = await reader.Db.Set<WorkflowVariableEntity>().AsNoTracking().Where(v => v.InstanceId == instanceId).ToListAsync();
        Assert.Equal(
            state.Scopes.SelectMany(s => s.Variables.Select(v => (s.Id, v.Key, InstanceJson.SerializeValue(v.Value))))
                .OrderBy(v => v.Item1).ThenBy(v => v.Item2, StringComparer.Ordinal),
            rows.Where(IsVariable).Select(r => (r.ScopeId, r.Name, r.Value)).OrderBy(v => v.ScopeId).ThenBy(v => v.Name, StringComparer.Ordinal));

        // Each protected name in one row only: of one name (as written before), or in a commit's list.
        var stored = rows.Where(r => r.ScopeId == "").Select(r => r.Name).Concat(rows.Where(r => r.ScopeId == ProtectedScope).SelectMany(ProtectedNames)).ToList();
        Assert.Equal(state.ProtectedVariables.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        return rows;
    }
}

public sealed class SqliteEngineVariableRowsTests(SqliteTestDatabase database)
    : EngineVariableRowsTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlEngineVariableRowsTests(PostgreSqlTestDatabase database)
    : EngineVariableRowsTests(database), IClassFixture<PostgreSqlTestDatabase>;
