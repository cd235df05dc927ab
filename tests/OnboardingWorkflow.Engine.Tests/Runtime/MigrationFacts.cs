using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

/// <summary>
/// Migrating an instance to a newer version: waits inside a sub-process, a boundary timer, a
/// branch parked at a parallel join and a multi-instance body all move with their state; an
/// element that changes container or kind is refused by name; nothing moves when any is refused.
/// </summary>
public sealed class MigrationFacts
{
    // A parallel split: one branch waits at "check" inside sub-process "vetting" (with a 3-day
    // boundary timer), the other at a committee vote (multi-instance over "members"); both join.
    private const string Version1 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://example.com/test">
          <process id="moving" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
            <parallelGateway id="fork" />
            <sequenceFlow id="f1" sourceRef="fork" targetRef="vetting" />
            <sequenceFlow id="f2" sourceRef="fork" targetRef="vote" />
            <subProcess id="vetting">
              <startEvent id="vStart" />
              <sequenceFlow id="v1" sourceRef="vStart" targetRef="check" />
              <userTask id="check" camunda:assignee="ana" />
              <sequenceFlow id="v2" sourceRef="check" targetRef="vEnd" />
              <endEvent id="vEnd" />
            </subProcess>
            <boundaryEvent id="late" attachedToRef="vetting" cancelActivity="false"><timerEventDefinition><timeDuration>P3D</timeDuration></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="late" targetRef="lateEnd" />
            <endEvent id="lateEnd" />
            <userTask id="vote" camunda:assignee="${member}">
              <multiInstanceLoopCharacteristics camunda:collection="${members}" camunda:elementVariable="member" />
            </userTask>
            <sequenceFlow id="f4" sourceRef="vetting" targetRef="join" />
            <sequenceFlow id="f5" sourceRef="vote" targetRef="join" />
            <parallelGateway id="join" />
            <sequenceFlow id="f6" sourceRef="join" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    // After the join, a new "sign" task.
    private static readonly string Version2 = Version1.Replace("""<sequenceFlow id="f6" sourceRef="join" targetRef="end" />""",
        """<sequenceFlow id="f6" sourceRef="join" targetRef="sign" /><userTask id="sign" /><sequenceFlow id="f7" sourceRef="sign" targetRef="end" />""", StringComparison.Ordinal);

    private static readonly Dictionary<string, string> NoMapping = [];

    private static async Task<(EngineHarness Harness, ProcessInstance Instance)> StartAsync()
    {
        var harness = new EngineHarness();
        await harness.Engine.DeployAsync(Version1);
        var instance = await harness.StartAsync("moving", new { members = new[] { "rita", "rob" } });
        return (harness, instance);
    }

    [Fact]
    public async Task Scopes_boundary_timers_joins_and_multi_instance_items_move_with_their_state()
    {
        var (harness, voting) = await StartAsync();
        voting = await harness.CompleteAsync(voting, "vote"); // one vote of two is in
        var joined = await harness.StartAsync("moving", new { members = new[] { "rita" } });
        joined = await harness.CompleteAsync(joined, "vote"); // the committee branch waits at the join
        var timerDue = voting.Bookmarks.Single(b => b.ElementId == "late").DueAt;
        await harness.Engine.DeployAsync(Version2);

        var check = await harness.Engine.CheckMigrationAsync(voting, 2, NoMapping);
        Assert.True(check.CanMigrate, string.Join(" ", check.Reasons));
        Assert.Contains(check.Moves, m => m.Kind == "sub-process" && m.FromElementId == "vetting");
        Assert.Contains(check.Moves, m => m.Kind == "multi-instance body" && m.FromElementId == "vote");
        Assert.Contains(check.Moves, m => m.Kind == "timer" && m.FromElementId == "late");
        Assert.Single(check.Moves, m => m.Kind == "task" && m.FromElementId == "vote");
        var joinCheck = await harness.Engine.CheckMigrationAsync(joined, 2, NoMapping);
        Assert.Contains(joinCheck.Moves, m => m.Kind == "token" && m.FromElementId == "join" && m.Outcome.StartsWith("token kept (joined)", StringComparison.Ordinal));

        var moved = await harness.Engine.MigrateAsync(voting.Id, 2, NoMapping, "admin");
        var movedJoined = await harness.Engine.MigrateAsync(joined.Id, 2, NoMapping, "admin");

        Assert.Equal((2, 2), (moved.ProcessVersion, movedJoined.ProcessVersion));
        Assert.Equal(timerDue, moved.Bookmarks.Single(b => b.ElementId == "late").DueAt);
        moved = await harness.CompleteAsync(moved, "vote");
        moved = await harness.CompleteAsync(moved, "check");
        Assert.Equal("sign", Assert.Single(await harness.OpenTasksAsync(moved.Id)).ElementId);
        movedJoined = await harness.CompleteAsync(movedJoined, "check");
        Assert.Equal("sign", Assert.Single(await harness.OpenTasksAsync(movedJoined.Id)).ElementId);
        Assert.Equal(1, harness.CountEvents(moved.Id, HistoryEventTypes.Migrated, "moving"));
    }

    [Fact]
    public async Task A_task_moved_out_of_its_sub_process_or_changed_in_kind_is_refused_by_name_and_nothing_changes()
    {
        var (harness, instance) = await StartAsync();
        var outOfScope = Version1
            .Replace("""<userTask id="check" camunda:assignee="ana" />""", """<userTask id="checkInside" />""", StringComparison.Ordinal)
            .Replace("""<sequenceFlow id="v1" sourceRef="vStart" targetRef="check" />""", """<sequenceFlow id="v1" sourceRef="vStart" targetRef="checkInside" />""", StringComparison.Ordinal)
            .Replace("""<sequenceFlow id="v2" sourceRef="check" targetRef="vEnd" />""", """<sequenceFlow id="v2" sourceRef="checkInside" targetRef="vEnd" />""", StringComparison.Ordinal)
            .Replace("""<sequenceFlow id="f4" sourceRef="vetting" targetRef="join" />""",
                """<sequenceFlow id="f4" sourceRef="vetting" targetRef="check" /><userTask id="check" /><sequenceFlow id="f8" sourceRef="check" targetRef="join" />""", StringComparison.Ordinal);
        await harness.Engine.DeployAsync(outOfScope);
        var scope = await harness.Engine.CheckMigrationAsync(instance, 2, NoMapping);
        Assert.False(scope.CanMigrate);
        Assert.Contains(scope.Reasons, r => r.Contains("'check' runs inside 'vetting'", StringComparison.Ordinal));

        await harness.Engine.DeployAsync(Version1.Replace("""<userTask id="check" camunda:assignee="ana" />""", """<serviceTask id="check" camunda:expression="${true}" />""", StringComparison.Ordinal));
        var kind = await harness.Engine.CheckMigrationAsync(instance, 3, NoMapping);
        Assert.Contains(kind.Reasons, r => r.Contains("userTask 'check'", StringComparison.Ordinal) && r.Contains("a userTask must stay a userTask", StringComparison.Ordinal));

        var refused = await Assert.ThrowsAsync<MigrationRefusedException>(() => harness.Engine.MigrateAsync(instance.Id, 3, NoMapping, "admin"));
        Assert.Equal(kind.Reasons, refused.Reasons);
        var untouched = await harness.ReloadAsync(instance);
        Assert.Equal((1, instance.Revision), (untouched.ProcessVersion, untouched.Revision));
    }

    [Fact]
    public async Task An_instance_that_moved_on_before_the_commit_is_not_overwritten()
    {
        var (harness, instance) = await StartAsync();
        var other = await harness.StartAsync("moving", new { members = new[] { "rita" } });
        await harness.Engine.DeployAsync(Version2);
        var checkTask = (await harness.OpenTasksAsync(instance.Id)).Single(t => t.ElementId == "check").Id;

        await Assert.ThrowsAsync<ConcurrencyException>(() => harness.Engine.MigrateAsync([instance.Id, other.Id], 2, NoMapping, "admin",
            async _ => await harness.Engine.CompleteTaskAsync(checkTask, null, "ana")));

        // The completion stands, on version 1; neither instance moved.
        var completed = await harness.ReloadAsync(instance);
        Assert.Equal(1, completed.ProcessVersion);
        Assert.Contains(completed.Tokens, t => t.ElementId == "join");
        Assert.Equal(1, (await harness.ReloadAsync(other)).ProcessVersion);
        Assert.Equal(0, harness.CountEvents(instance.Id, HistoryEventTypes.Migrated, "moving"));

        // Checked again on what it is now, it moves.
        var results = await harness.Engine.MigrateAsync([instance.Id, other.Id], 2, NoMapping, "admin", null);
        Assert.All(results, r => Assert.Equal(MigrationStatus.Migrated, r.Status));
    }

    // Version 1 plus two event sub-processes: a non-interrupting one at process level started by
    // a message, and an interrupting one inside "vetting" started by a 1-day timer.
    private static string WithEventSubProcesses(string messageName) => Version1
        .Replace("""<process id="moving" isExecutable="true">""",
            $"""<message id="noteMsg" name="{messageName}" /><process id="moving" isExecutable="true">""", StringComparison.Ordinal)
        .Replace("""<endEvent id="vEnd" />""", """
            <endEvent id="vEnd" />
            <subProcess id="vettingLate" triggeredByEvent="true">
              <startEvent id="vettingLateStart"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></startEvent>
              <sequenceFlow id="vl1" sourceRef="vettingLateStart" targetRef="escalate" />
              <userTask id="escalate" />
              <sequenceFlow id="vl2" sourceRef="escalate" targetRef="vlEnd" />
              <endEvent id="vlEnd" />
            </subProcess>
            """, StringComparison.Ordinal)
        .Replace("""<endEvent id="end" />""", """
            <endEvent id="end" />
            <subProcess id="onNote" triggeredByEvent="true">
              <startEvent id="noteStart" isInterrupting="false"><messageEventDefinition messageRef="noteMsg" /></startEvent>
              <sequenceFlow id="n1" sourceRef="noteStart" targetRef="readNote" />
              <userTask id="readNote" />
              <sequenceFlow id="n2" sourceRef="readNote" targetRef="noteEnd" />
              <endEvent id="noteEnd" />
            </subProcess>
            """, StringComparison.Ordinal);

    [Fact]
    public async Task Event_sub_processes_the_new_version_adds_listen_in_the_running_scopes_from_the_move_on()
    {
        var (harness, instance) = await StartAsync();
        await harness.Engine.DeployAsync(WithEventSubProcesses("note"));
        var movedAt = harness.Clock.GetUtcNow();

        var check = await harness.Engine.CheckMigrationAsync(instance, 2, NoMapping);
        Assert.True(check.CanMigrate, string.Join(" ", check.Reasons));
        Assert.Contains(check.Moves, m => m.Kind == "event sub-process" && m.ToElementId == "noteStart" && m.Outcome.Contains("message start", StringComparison.Ordinal));
        Assert.Contains(check.Moves, m => m.Kind == "event sub-process" && m.ToElementId == "vettingLateStart" && m.Outcome.Contains("timer start", StringComparison.Ordinal));

        var moved = await harness.Engine.MigrateAsync(instance.Id, 2, NoMapping, "admin");
        var root = moved.Scopes.Single(s => s.Kind == ScopeKind.Process);
        var vetting = moved.Scopes.Single(s => s.ElementId == "vetting");
        Assert.Equal(root.Id, moved.Bookmarks.Single(b => b.ElementId == "noteStart").TokenId);
        Assert.Equal(movedAt.AddDays(1), moved.Bookmarks.Single(b => b.ElementId == "vettingLateStart" && b.TokenId == vetting.Id).DueAt);

        // The message starts the non-interrupting one beside the rest; the timer interrupts "vetting".
        var noted = await harness.Engine.CorrelateMessageAsync("note");
        Assert.Equal([moved.Id], noted.ResumedInstances);
        Assert.Contains("readNote", (await harness.OpenTasksAsync(moved.Id)).Select(t => t.ElementId));
        await harness.AdvanceAsync(TimeSpan.FromDays(1));
        var open = (await harness.OpenTasksAsync(moved.Id)).Select(t => t.ElementId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["escalate", "readNote", "vote", "vote"], open); // "check" was interrupted with its sub-process

        // Moving again to a version with nothing new arms nothing twice.
        await harness.Engine.DeployAsync(WithEventSubProcesses("note").Replace("""<userTask id="readNote" />""", """<userTask id="readNote" name="Read the note" />""", StringComparison.Ordinal));
        var again = await harness.Engine.MigrateAsync(moved.Id, 3, NoMapping, "admin");
        Assert.Single(again.Bookmarks, b => b.ElementId == "noteStart");
        Assert.DoesNotContain(again.Bookmarks, b => b.ElementId == "vettingLateStart"); // interrupted: the scope no longer listens
    }

    [Fact]
    public async Task An_added_event_sub_process_that_cannot_listen_refuses_the_move_by_name_and_nothing_changes()
    {
        var (harness, instance) = await StartAsync();
        await harness.Engine.DeployAsync(WithEventSubProcesses("${noteTopic}")); // a variable the instance does not have

        var results = await harness.Engine.MigrateAsync([instance.Id], 2, NoMapping, "admin", null);

        var refused = Assert.Single(results);
        Assert.Equal(MigrationStatus.Refused, refused.Status);
        Assert.Contains(refused.Reasons, r => r.Contains("Event sub-process 'onNote' of version 2 cannot listen", StringComparison.Ordinal));
        var untouched = await harness.ReloadAsync(instance);
        Assert.Equal((1, instance.Revision), (untouched.ProcessVersion, untouched.Revision));
        Assert.Equal(0, harness.CountEvents(instance.Id, HistoryEventTypes.Migrated, "moving"));
    }
}
