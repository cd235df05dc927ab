using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Data.Tests.Engine;

/// <summary>
/// What a commit sends: the engine's rows of a unit of work in one write batch, and of the bookmarks
/// only those that changed since the instance was read, with the table always mirroring the state.
/// </summary>
public abstract class EngineWriteBatchTests(TestDatabase database) : EngineStoreTestBase(database)
{
    [Fact]
    public async Task A_step_writes_only_the_bookmarks_it_changed_and_the_table_always_mirrors_the_state()
    {
        var handlers = new HandlerRegistry().Register("sendReminder", (TaskHandlerContext _) => { });
        await using var server = new EfEngine(Database, Clock, handlers);
        await server.DeployAsync("reminder-cycle.bpmn");
        var (started, startBatches) = await CapturedAsync(() => server.StartAsync("reminders", new() { ["maker"] = "sally" }));
        var batch = Assert.Single(startBatches);
        Assert.Contains("INSERT INTO \"WorkflowInstances\"", batch);
        Assert.Contains("INSERT INTO \"WorkflowBookmarks\"", batch);
        await AssertMirroredAsync(started.Id);

        // The reminder turns: its timer bookmark moves on, the task's stays as it is and is not written.
        await using (var next = new EfEngine(Database, Clock, handlers))
        {
            var (_, turn) = await CapturedAsync(async () =>
            {
                Clock.Advance(TimeSpan.FromHours(24));
                return await next.Engine.RunDueJobsAsync();
            });
            var written = Assert.Single(turn);
            Assert.Contains("UPDATE \"WorkflowBookmarks\"", written);
            Assert.DoesNotContain("DELETE FROM \"WorkflowBookmarks\"", written);
            Assert.DoesNotContain("INSERT INTO \"WorkflowBookmarks\"", written);
            Assert.StartsWith("UPDATE \"WorkflowInstances\"", Statements(written)[0]);
        }

        var turned = await AssertMirroredAsync(started.Id);
        Assert.Equal(T0.AddHours(48), turned.Single(b => b.Kind == BookmarkKind.Timer).DueAt);

        // Completing the task ends the reminder too: both rows go, by their ids.
        await using (var last = NewEngine())
        {
            var task = await last.OpenTaskAsync(started.Id, "upload");
            var (done, end) = await CapturedAsync(() => last.Engine.CompleteTaskAsync(task.Id, actor: "sally"));
            Assert.Equal(InstanceStatus.Completed, done.Status);
            Assert.Contains("DELETE FROM \"WorkflowBookmarks\" WHERE \"Id\" IN (", Assert.Single(end));
        }

        Assert.Empty(await AssertMirroredAsync(started.Id));
    }

    /// <summary>The bookmark rows of the instance are exactly the bookmarks of its stored state; returns them.</summary>
    private async Task<List<Bookmark>> AssertMirroredAsync(Guid instanceId)
    {
        await using var reader = NewEngine();
        var state = await reader.ReloadAsync(instanceId);
        var rows = await reader.Db.Set<WorkflowBookmarkEntity>().AsNoTracking().Where(b => b.InstanceId == instanceId).ToListAsync();
        Assert.Equal(
            state.Bookmarks.Select(b => (b.Id, b.Kind.ToString(), b.ElementId, b.DueAt)).OrderBy(b => b.Id),
            rows.Select(r => (r.Id, r.Kind, r.ElementId, r.DueAt)).OrderBy(b => b.Id));
        return state.Bookmarks;
    }
}

public sealed class SqliteEngineWriteBatchTests(SqliteTestDatabase database)
    : EngineWriteBatchTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlEngineWriteBatchTests(PostgreSqlTestDatabase database)
    : EngineWriteBatchTests(database), IClassFixture<PostgreSqlTestDatabase>;
