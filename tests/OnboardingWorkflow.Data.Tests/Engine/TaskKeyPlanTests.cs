using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;

namespace OnboardingWorkflow.Data.Tests.Engine;

/// <summary>
/// A completion's statements find the task by its key in any plan PostgreSQL may keep for them.
/// Npgsql prepares a statement sent twice, and PostgreSQL then keeps a generic plan, made for
/// whatever the tables held at that moment: made on a nearly empty tasks table, the plan of
/// "Id = $1 AND Status = $2" walked the (Status, DueOrder, Id) index, reading every open task to
/// find one, at each completion, for as long as the connection lived. The status is therefore only
/// checked on the row the key found (<see cref="RowTable.CheckOnly"/>), never searched by.
/// </summary>
public sealed partial class TaskKeyPlanTests(PostgreSqlTestDatabase database)
    : EngineStoreTestBase(database), IClassFixture<PostgreSqlTestDatabase>
{
    [Fact]
    public async Task A_completion_reads_and_ends_its_task_by_the_key_in_a_generic_plan_made_on_a_small_table()
    {
        await using var server = NewEngine();
        await server.DeployAsync("sequential-mi.bpmn");
        var started = await server.StartAsync("sequentialSignatures", new() { ["signatures"] = 2 });

        await using var next = NewEngine();
        var task = await next.OpenTaskAsync(started.Id, "sign");
        var statements = await StatementsOfAsync(() => next.Engine.CompleteTaskAsync(task.Id, actor: "signer-0"));
        var read = Assert.Single(statements, s => s.Contains("FROM \"WorkflowTasks\" t", StringComparison.Ordinal));
        // Sent inside a statement that checks its row count (the batch is its own transaction).
        var end = Assert.Single(statements, s => s.Contains("UPDATE \"WorkflowTasks\" SET \"Status\"", StringComparison.Ordinal));

        await using var db = Database.CreateContext();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        // A session setting: connections go back to the pool without a reset, so it is undone here.
        await ExecuteAsync(connection, "SET plan_cache_mode = force_generic_plan");
        try
        {
            var readPlan = await GenericPlanAsync(connection, read, "r", $"'{task.Id}', 'Open', '{Guid.Empty}', -1");
            Assert.Contains("\"PK_WorkflowTasks\"", readPlan);
            Assert.DoesNotContain("\"IX_WorkflowTasks_Status", readPlan);

            var endPlan = await GenericPlanAsync(connection, end, "w", $"'Completed', '2026-03-02T08:00:00Z', 'signer-0', '{task.Id}', 'Open'");
            Assert.Contains("\"PK_WorkflowTasks\"", endPlan);
            Assert.DoesNotContain("\"IX_WorkflowTasks_Status", endPlan);
        }
        finally
        {
            await ExecuteAsync(connection, "RESET plan_cache_mode");
        }
    }

    /// <summary>Every statement the step sent, reads and writes, one by one (a write batch's lines split).</summary>
    private static async Task<List<string>> StatementsOfAsync(Func<Task> step) =>
        (await SentAsync(step)).SelectMany(s => s.Operation == DataTelemetry.WriteBatchActivity ? s.Text.Split('\n') : [s.Text]).ToList();

    /// <summary>The plan PostgreSQL keeps for the statement once it prepares it generically; its parameters @{prefix}N become $N+1.</summary>
    private static async Task<string> GenericPlanAsync(DbConnection connection, string sql, string prefix, string arguments)
    {
        var numbered = Regex.Replace(sql, $"@{prefix}(\\d+)", m => "$" + (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1));
        await ExecuteAsync(connection, $"PREPARE plan_check AS {numbered}");
        try
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = $"EXPLAIN EXECUTE plan_check({arguments})";
            var lines = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    lines.Add(reader.GetString(0));
                }
            }

            return string.Join("\n", lines);
        }
        finally
        {
            await ExecuteAsync(connection, "DEALLOCATE plan_check");
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
