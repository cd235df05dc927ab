using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Tests.Support;
using OnboardingWorkflow.Application.Workflow;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Application.Tests.Workflow;

/// <summary>
/// Moving running instances to a newer version, on a real SQLite database with a process deployed
/// twice, on each provider: waits are kept as they were (task id, assignee, due time), the instance then follows the
/// new version's flows, refusals name the element, and a large batch moves chunk by chunk.
/// </summary>
public abstract class InstanceMigrationFacts(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Key = "migrationDemo";
    private static readonly CurrentUser Admin = new("admin@owf.test", [Roles.Admin]);
    private static readonly CurrentUser Manager = new("mia@owf.test", [Roles.CreditManager]);

    // v1: a gateway sends the case to review (assigned), to document collection, or to a 48-hour cooling-off timer before review.
    private const string Version1 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://example.com/test">
          <process id="migrationDemo" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="toRoute" sourceRef="start" targetRef="route" />
            <exclusiveGateway id="route" default="toReview" />
            <sequenceFlow id="toReview" sourceRef="route" targetRef="review" />
            <sequenceFlow id="toDocs" sourceRef="route" targetRef="collectDocs"><conditionExpression>${path == 'docs'}</conditionExpression></sequenceFlow>
            <sequenceFlow id="toCooling" sourceRef="route" targetRef="cooling"><conditionExpression>${path == 'wait'}</conditionExpression></sequenceFlow>
            <userTask id="collectDocs" name="Collect documents" camunda:candidateGroups="Sales" />
            <sequenceFlow id="docsToReview" sourceRef="collectDocs" targetRef="review" />
            <intermediateCatchEvent id="cooling"><timerEventDefinition><timeDuration>PT48H</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="coolingToReview" sourceRef="cooling" targetRef="review" />
            <userTask id="review" name="Review" camunda:assignee="${assignee}" camunda:candidateGroups="CreditAnalyst" />
            <sequenceFlow id="toEnd" sourceRef="review" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    // v2: document collection is gone; after review a manager approves.
    private static readonly string Version2 = Version1
        .Replace("""<sequenceFlow id="toDocs" sourceRef="route" targetRef="collectDocs"><conditionExpression>${path == 'docs'}</conditionExpression></sequenceFlow>""", "", StringComparison.Ordinal)
        .Replace("""<userTask id="collectDocs" name="Collect documents" camunda:candidateGroups="Sales" />""", "", StringComparison.Ordinal)
        .Replace("""<sequenceFlow id="docsToReview" sourceRef="collectDocs" targetRef="review" />""", "", StringComparison.Ordinal)
        .Replace("""<sequenceFlow id="toEnd" sourceRef="review" targetRef="end" />""",
            """<sequenceFlow id="toApprove" sourceRef="review" targetRef="approve" /><userTask id="approve" name="Approve" camunda:candidateGroups="CreditManager" /><sequenceFlow id="toEnd" sourceRef="approve" targetRef="end" />""",
            StringComparison.Ordinal);

    private readonly MigrationWorld _world = new(provider);

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private Task<ProcessInstance> StartAsync(string path) =>
        _world.StartAsync(Key, new Dictionary<string, object?> { ["path"] = path, ["assignee"] = "ana@owf.test" });

    private static MigrationPlan Plan(IReadOnlyDictionary<string, string>? mapping = null) => new(Key, 1, 2, mapping);

    private async Task<MigrationBatchView> MigrateAsync(MigrationPlan plan, IReadOnlyList<Guid>? ids = null)
    {
        var started = await _world.MigrationsAsync(m => m.StartAsync(Admin, plan, ids, CancellationToken.None));
        Assert.Equal("Queued", started.State);
        Assert.Equal(started.Id, Assert.Single(_world.Queue.Enqueued));
        return await _world.Runner.RunAsync(started.Id, CancellationToken.None);
    }

    [Fact]
    public async Task A_waiting_task_keeps_its_id_and_assignee_and_the_instance_then_follows_the_new_version()
    {
        await _world.DeployAsync(Version1);
        var instance = await StartAsync("review");
        var before = Assert.Single(await _world.TasksAsync(instance.Id));
        Assert.Equal(2, await _world.DeployAsync(Version2));

        var batch = await MigrateAsync(Plan());

        Assert.Equal(("Completed", 1, 1, 0, 0), (batch.State, batch.Total, batch.Migrated, batch.Skipped, batch.Failed));
        var moved = await _world.InstanceAsync(instance.Id);
        Assert.Equal(2, moved.ProcessVersion);
        var task = Assert.Single(await _world.TasksAsync(instance.Id));
        Assert.Equal((before.Id, "review", "ana@owf.test"), (task.Id, task.ElementId, task.Assignee));
        Assert.Equal(before.CandidateGroups, task.CandidateGroups);
        Assert.Equal(2, await _world.RunAsync(sp => sp.GetRequiredService<OnboardingDbContext>().Set<WorkflowInstanceEntity>()
            .Where(i => i.Id == instance.Id).Select(i => i.ProcessVersion).SingleAsync()));

        // Completing the kept task follows version 2: on to the manager's approval, a task version 1 does not have.
        await _world.EngineAsync(e => e.CompleteTaskAsync(task.Id, null, "ana@owf.test"));
        var next = Assert.Single(await _world.TasksAsync(instance.Id));
        Assert.Equal("approve", next.ElementId);
        Assert.Equal(["CreditManager"], next.CandidateGroups);

        var history = await _world.EngineAsync(e => e.Options.Instances.GetHistoryAsync(instance.Id));
        var migrated = Assert.Single(history, h => h.Event == HistoryEventTypes.Migrated);
        Assert.Equal((2, "admin@owf.test"), (migrated.ProcessVersion, migrated.Actor));
        Assert.Contains("from version 1 to version 2", migrated.Detail);
        var audit = await _world.RunAsync(sp => sp.GetRequiredService<OnboardingDbContext>().Set<AuditEvent>().Select(a => new { a.Action, a.EntityId }).ToListAsync());
        Assert.Contains(audit, a => a.Action == "instance.migrated" && a.EntityId == instance.Id.ToString());
        Assert.Contains(audit, a => a.Action == "workflow-migration.started" && a.EntityId == batch.Id.ToString());
    }

    [Fact]
    public async Task An_instance_waiting_at_a_task_removed_in_the_new_version_is_refused_by_name_and_left_untouched()
    {
        await _world.DeployAsync(Version1);
        var atDocs = await StartAsync("docs");
        var atReview = await StartAsync("review");
        await _world.DeployAsync(Version2);

        var preview = await _world.MigrationsAsync(m => m.PreviewAsync(Admin, Plan(), 1, 50, CancellationToken.None));

        Assert.Equal((2, 1, 1), (preview.Total, preview.Movable, preview.Blocked));
        var blocked = Assert.Single(preview.Instances, i => !i.CanMigrate);
        Assert.Equal(atDocs.Id, blocked.InstanceId);
        Assert.Contains(blocked.Reasons, r => r.Contains("'collectDocs'", StringComparison.Ordinal) && r.Contains("removed in version 2", StringComparison.Ordinal));
        var movable = Assert.Single(preview.Instances, i => i.CanMigrate);
        var move = Assert.Single(movable.Moves, m => m.Kind == "task");
        Assert.Equal(("review", "review"), (move.FromElementId, move.ToElementId));
        Assert.StartsWith("task kept, same id, assignee ana@owf.test", move.Outcome, StringComparison.Ordinal);

        var revision = (await _world.InstanceAsync(atDocs.Id)).Revision;
        var batch = await MigrateAsync(Plan(), [atDocs.Id, atReview.Id]);

        Assert.Equal(("Completed", 2, 1, 1, 0), (batch.State, batch.Total, batch.Migrated, batch.Skipped, batch.Failed));
        var failure = Assert.Single(batch.Failures);
        Assert.Equal(atDocs.Id, failure.InstanceId);
        Assert.Contains("collectDocs", failure.Reason, StringComparison.Ordinal);
        var untouched = await _world.InstanceAsync(atDocs.Id);
        Assert.Equal((1, revision), (untouched.ProcessVersion, untouched.Revision));
        Assert.Equal("collectDocs", Assert.Single(await _world.TasksAsync(atDocs.Id)).ElementId);
        Assert.Equal(2, (await _world.InstanceAsync(atReview.Id)).ProcessVersion);
    }

    [Fact]
    public async Task A_renamed_task_moves_by_the_mapping_and_its_row_takes_the_new_id()
    {
        await _world.DeployAsync(Version1);
        var instance = await StartAsync("review");
        var taskId = Assert.Single(await _world.TasksAsync(instance.Id)).Id;
        await _world.DeployAsync(Version2.Replace("\"review\"", "\"reviewCase\"", StringComparison.Ordinal));

        var unmapped = await _world.MigrationsAsync(m => m.PreviewAsync(Admin, Plan(), 1, 10, CancellationToken.None));
        Assert.Contains(Assert.Single(unmapped.Instances).Reasons, r => r.Contains("'review'", StringComparison.Ordinal));

        var mapping = new Dictionary<string, string> { ["review"] = "reviewCase", ["toEnd"] = "toEnd" };
        var preview = await _world.MigrationsAsync(m => m.PreviewAsync(Admin, Plan(mapping), 1, 10, CancellationToken.None));
        Assert.Equal(1, preview.Movable);
        Assert.Equal(new Dictionary<string, string> { ["review"] = "reviewCase" }, preview.Plan.Mapping);
        Assert.Contains("renamed to 'reviewCase'", Assert.Single(preview.Instances[0].Moves, m => m.Kind == "task").Outcome, StringComparison.Ordinal);

        var batch = await MigrateAsync(Plan(mapping));

        Assert.Equal(1, batch.Migrated);
        var task = Assert.Single(await _world.TasksAsync(instance.Id));
        Assert.Equal((taskId, "reviewCase"), (task.Id, task.ElementId));
        await _world.EngineAsync(e => e.CompleteTaskAsync(taskId, null, "ana@owf.test"));
        Assert.Equal("approve", Assert.Single(await _world.TasksAsync(instance.Id)).ElementId);
        var history = await _world.EngineAsync(e => e.Options.Instances.GetHistoryAsync(instance.Id));
        Assert.Contains("review -> reviewCase", Assert.Single(history, h => h.Event == HistoryEventTypes.Migrated).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_plan_is_refused_with_what_to_fix()
    {
        await _world.DeployAsync(Version1);
        await _world.DeployAsync(Version2);

        var unknown = await Assert.ThrowsAsync<AppException>(() => _world.MigrationsAsync(m =>
            m.PreviewAsync(Admin, Plan(new Dictionary<string, string> { ["review"] = "noSuchTask", ["ghost"] = "review" }), 1, 10, CancellationToken.None)));
        Assert.Equal(ErrorCodes.MigrationMappingInvalid, unknown.Code);
        var messages = unknown.FieldErrors!["mapping"];
        Assert.Contains(messages, m => m.Contains("'noSuchTask' is not an element of version 2", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("'ghost' is not an element of version 1", StringComparison.Ordinal));

        var backwards = await Assert.ThrowsAsync<AppException>(() => _world.MigrationsAsync(m => m.StartAsync(Admin, new MigrationPlan(Key, 2, 1, null), null, CancellationToken.None)));
        Assert.True(backwards.FieldErrors!.ContainsKey("toVersion"));
        var missing = await Assert.ThrowsAsync<AppException>(() => _world.MigrationsAsync(m => m.StartAsync(Admin, new MigrationPlan(Key, 1, 7, null), null, CancellationToken.None)));
        Assert.Contains("no version 7", missing.FieldErrors!["toVersion"][0], StringComparison.Ordinal);
        var huge = Enumerable.Range(0, 501).ToDictionary(i => $"e{i}", i => $"e{i}");
        var tooMany = await Assert.ThrowsAsync<AppException>(() => _world.MigrationsAsync(m => m.PreviewAsync(Admin, Plan(huge), 1, 10, CancellationToken.None)));
        Assert.Contains("at most 500", tooMany.FieldErrors!["mapping"][0], StringComparison.Ordinal);
        var longId = await Assert.ThrowsAsync<AppException>(() => _world.MigrationsAsync(m =>
            m.PreviewAsync(Admin, Plan(new Dictionary<string, string> { ["review"] = new string('x', 201) }), 1, 10, CancellationToken.None)));
        Assert.Contains("at most 200 characters", longId.FieldErrors!["mapping"][0], StringComparison.Ordinal);

        var forbidden = await Assert.ThrowsAsync<AppException>(() => _world.MigrationsAsync(m => m.PreviewAsync(Manager, Plan(), 1, 10, CancellationToken.None)));
        Assert.Equal(AppErrorKind.Forbidden, forbidden.Kind);
        Assert.Empty(_world.Queue.Enqueued);
    }

    [Fact]
    public async Task A_timer_keeps_its_due_time_and_fires_into_the_new_version()
    {
        await _world.DeployAsync(Version1);
        var instance = await StartAsync("wait");
        var due = Assert.Single((await _world.InstanceAsync(instance.Id)).Bookmarks).DueAt;
        Assert.Equal(_world.Clock.GetUtcNow().AddHours(48), due);
        await _world.DeployAsync(Version2);
        _world.Clock.Advance(TimeSpan.FromHours(5));

        var preview = await _world.MigrationsAsync(m => m.PreviewAsync(Admin, Plan(), 1, 10, CancellationToken.None));
        Assert.Equal("timer kept, same id, due 2026-03-04 09:00 UTC", Assert.Single(preview.Instances[0].Moves).Outcome);
        await MigrateAsync(Plan());

        var moved = await _world.InstanceAsync(instance.Id);
        Assert.Equal(2, moved.ProcessVersion);
        Assert.Equal(due, Assert.Single(moved.Bookmarks).DueAt);
        Assert.Equal(due, await _world.RunAsync(sp => sp.GetRequiredService<OnboardingDbContext>().Set<WorkflowBookmarkEntity>()
            .Where(b => b.InstanceId == instance.Id).Select(b => b.DueAt).SingleAsync()));

        _world.Clock.AdvanceTo(due!.Value);
        Assert.Equal(1, await _world.EngineAsync(e => e.RunDueJobsAsync()));
        var review = Assert.Single(await _world.TasksAsync(instance.Id));
        await _world.EngineAsync(e => e.CompleteTaskAsync(review.Id, null, "ana@owf.test"));
        Assert.Equal("approve", Assert.Single(await _world.TasksAsync(instance.Id)).ElementId);
    }

    [Fact]
    public async Task A_thousand_instances_move_chunk_by_chunk_with_progress_and_nothing_lost()
    {
        await _world.DeployAsync(Version1);
        var template = await StartAsync("review");
        var ids = await _world.CloneAsync(template.Id, 999);
        ids.Add(template.Id);
        await _world.DeployAsync(Version2);
        var progress = new List<(int Moved, int Counted)>();
        _world.Sinks.Add(new ProgressProbe(_world, progress));

        var batch = await MigrateAsync(Plan());

        Assert.Equal(("Completed", 1000, 1000, 0, 0), (batch.State, batch.Total, batch.Migrated, batch.Skipped, batch.Failed));
        // One commit per chunk of 50, and after each the batch row already counted it.
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (50, i * 50)), progress);
        var (onV2, openTasks, migratedEvents) = await _world.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<OnboardingDbContext>();
            return (await db.Set<WorkflowInstanceEntity>().CountAsync(i => i.ProcessVersion == 2 && ids.Contains(i.Id)),
                await db.Set<WorkflowTaskEntity>().CountAsync(t => t.Status == "Open" && t.ElementId == "review"),
                await db.Set<WorkflowHistoryEntity>().Where(h => h.Event == HistoryEventTypes.Migrated).Select(h => h.InstanceId).Distinct().CountAsync());
        });
        Assert.Equal((1000, 1000, 1000), (onV2, openTasks, migratedEvents));
    }

    [Fact]
    public async Task A_batch_stopped_mid_way_resumes_at_the_first_chunk_it_had_not_committed()
    {
        await _world.DeployAsync(Version1);
        var template = await StartAsync("review");
        await _world.CloneAsync(template.Id, 119);
        await _world.DeployAsync(Version2);
        using var stop = new CancellationTokenSource();
        var progress = new List<(int Moved, int Counted)>();
        _world.Sinks.Add(new ProgressProbe(_world, progress, afterChunk: () => stop.Cancel()));
        var started = await _world.MigrationsAsync(m => m.StartAsync(Admin, Plan(), null, CancellationToken.None));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _world.Runner.RunAsync(started.Id, stop.Token));
        var halfway = await _world.MigrationsAsync(m => m.GetAsync(Admin, started.Id, CancellationToken.None));
        Assert.Equal(("Running", 50, 0), (halfway.State, halfway.Migrated, halfway.Skipped));

        _world.Sinks.Clear();
        var done = await _world.Runner.RunAsync(started.Id, CancellationToken.None);

        Assert.Equal(("Completed", 120, 120, 0, 0), (done.State, done.Total, done.Migrated, done.Skipped, done.Failed));
        Assert.Equal(done, await _world.Runner.RunAsync(started.Id, CancellationToken.None) with { Failures = done.Failures });
        var listed = await _world.MigrationsAsync(m => m.ListAsync(Admin, Key, CancellationToken.None));
        Assert.Equal(started.Id, Assert.Single(listed).Id);
    }

    [Fact]
    public async Task A_chunk_that_loses_a_race_is_taken_one_by_one_and_the_moved_on_instance_is_checked_again()
    {
        await _world.DeployAsync(Version1);
        var raced = await StartAsync("review");
        var calm = await StartAsync("review");
        var racedTask = Assert.Single(await _world.TasksAsync(raced.Id)).Id;
        await _world.DeployAsync(Version2);
        var fired = false;
        _world.BeforeCommit = async commit =>
        {
            if (!fired && commit.History.Any(h => h.Event == HistoryEventTypes.Migrated))
            {
                fired = true; // the reviewer completes the task while the chunk is on its way: version 1 ends the case
                await _world.EngineAsync(e => e.CompleteTaskAsync(racedTask, null, "ana@owf.test"));
            }
        };

        var batch = await MigrateAsync(Plan());

        Assert.True(fired);
        Assert.Equal(("Completed", 2, 1, 1, 0), (batch.State, batch.Total, batch.Migrated, batch.Skipped, batch.Failed));
        Assert.Contains("has ended", Assert.Single(batch.Failures, f => f.InstanceId == raced.Id).Reason, StringComparison.Ordinal);
        var ended = await _world.InstanceAsync(raced.Id);
        Assert.Equal((InstanceStatus.Completed, 1), (ended.Status, ended.ProcessVersion));
        Assert.Equal(2, (await _world.InstanceAsync(calm.Id)).ProcessVersion);
        var audited = await _world.RunAsync(sp => sp.GetRequiredService<OnboardingDbContext>().Set<AuditEvent>().CountAsync(a => a.Action == "instance.migrated"));
        Assert.Equal(1, audited);
    }

    /// <summary>After each engine commit of migrations: how many moved in it, and what the batch row counts by then.</summary>
    private sealed class ProgressProbe(MigrationWorld world, List<(int Moved, int Counted)> seen, Action? afterChunk = null) : IHistorySink
    {
        public void Append(IReadOnlyList<HistoryEvent> events)
        {
            var moved = events.Count(e => e.Event == HistoryEventTypes.Migrated);
            if (moved == 0)
            {
                return;
            }

            var counted = world.RunAsync(sp => sp.GetRequiredService<OnboardingDbContext>().Set<WorkflowMigrationBatch>().Select(b => b.Migrated).SingleAsync())
                .GetAwaiter().GetResult();
            seen.Add((moved, counted));
            afterChunk?.Invoke();
        }
    }
}

/// <summary>The migration facts on SQLite, the embedded default.</summary>
public sealed class SqliteInstanceMigrationFacts() : InstanceMigrationFacts(DatabaseProvider.Sqlite);

/// <summary>The migration facts on PostgreSQL.</summary>
public sealed class PostgreSqlInstanceMigrationFacts() : InstanceMigrationFacts(DatabaseProvider.PostgreSql);
