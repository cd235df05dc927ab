using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Data.Tests.Engine;

/// <summary>
/// Thrown messages and signals on the EF stores: stored in their thrower's commit, delivered from
/// the stored row by another process after a cut-off, each receiver once (the key of the delivery
/// rows refuses a second), and removed with their delivery rows at the end.
/// </summary>
public abstract class EngineDispatchTests(TestDatabase database) : EngineStoreTestBase(database)
{
    private static readonly TimeSpan Grace = new WorkflowEngineOptions().DispatchGrace;

    private async Task<int> RowsAsync(Guid dispatchId)
    {
        await using var db = Database.CreateContext();
        return await db.Set<WorkflowDispatchEntity>().CountAsync(d => d.Id == dispatchId)
            + await db.Set<WorkflowDispatchDeliveryEntity>().CountAsync(d => d.DispatchId == dispatchId);
    }

    private static async Task<Dispatch> StoredAsync(EfEngine engine, string name) =>
        Assert.Single(await engine.Instances.FindDueDispatchesAsync(DateTimeOffset.MaxValue, 1_000), d => d.Name == name || d.CorrelationKey == name);

    [Fact]
    public async Task AMessageCutOffBeforeItsReceiver_IsDeliveredFromItsRowByARestartedServer_WithItsVariablesAsTheyWere()
    {
        var contract = Unique("C");
        Guid receiver;
        await using (var server = NewEngine(store => new HookedInstanceStore(store)
        {
            BeforeCommit = commit => commit.Deliveries.Count > 0 ? throw new OperationCanceledException("the server stops") : Task.CompletedTask,
        }))
        {
            await server.DeployAsync("messages.bpmn");
            await server.DeployAsync("sender.bpmn");
            receiver = (await server.StartAsync("contracting", new() { ["contractId"] = contract })).Id;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.StartAsync("signingDesk",
                new() { ["contractId"] = contract, ["signedBy"] = "Ana Lima", ["amount"] = 1250.50m }));
        }

        await using var restarted = NewEngine();
        var stored = await StoredAsync(restarted, contract);
        Assert.Equal((DispatchKind.Message, "contractSigned", Clock.GetUtcNow() + Grace), (stored.Kind, stored.Name, stored.DueAt));
        Assert.Equal(["awaitSignature"], (await restarted.ReloadAsync(receiver)).Bookmarks.Select(b => b.ElementId));

        await restarted.AdvanceAsync(Grace);

        Assert.Equal("activate", Assert.Single(await restarted.OpenTasksAsync(receiver)).ElementId);
        var variables = (await restarted.ReloadAsync(receiver)).Variables;
        Assert.Equal("Ana Lima", variables["signedBy"]);
        Assert.Equal(1250.50m, variables["amount"]);
        Assert.Equal(0, await RowsAsync(stored.Id));
    }

    [Fact]
    public async Task ADeliveryRecordedTwice_FailsTheSecondCommit_WhichWritesNothing()
    {
        Guid id;
        await using (var server = NewEngine())
        {
            await server.DeployAsync("parallel.bpmn");
            id = (await server.StartAsync("parallel")).Id;
        }

        var dispatchId = Guid.CreateVersion7();
        await using var first = NewEngine();
        var delivered = CommitOf(await first.ReloadAsync(id), "delivered");
        delivered.Deliveries.Add((dispatchId, Dispatch.InstanceTarget(id)));
        await first.Instances.CommitAsync(delivered);

        await using var second = NewEngine();
        var again = CommitOf(await second.ReloadAsync(id), "delivered again");
        again.Deliveries.Add((dispatchId, Dispatch.InstanceTarget(id)));
        await Assert.ThrowsAnyAsync<Exception>(() => second.Instances.CommitAsync(again));

        await using var reader = NewEngine();
        Assert.DoesNotContain(await reader.Instances.GetHistoryAsync(id), e => e.Detail == "delivered again");
        Assert.Equal(delivered.Instances[0].Instance.Revision, (await reader.ReloadAsync(id)).Revision);
        Assert.Equal([Dispatch.InstanceTarget(id)], await reader.Instances.FindDeliveriesAsync(dispatchId));
    }

    [Fact]
    public async Task ASignalDeliveredAgainAfterACrash_DoesNotFireABoundaryThatStaysArmed_AndLeavesNoRow()
    {
        Guid beside;
        await using (var server = NewEngine(store => new HookedInstanceStore(store)
        {
            BeforeCommit = commit => commit.DeliveredDispatches.Count > 0 ? throw new OperationCanceledException("the server stops") : Task.CompletedTask,
        }))
        {
            await server.DeployAsync("signals.bpmn");
            beside = (await server.StartAsync("signalBeside")).Id;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.StartAsync("signalThrower"));
        }

        await using var restarted = NewEngine();
        var stored = await StoredAsync(restarted, "ratesChanged");
        Assert.Contains(Dispatch.InstanceTarget(beside), await restarted.Instances.FindDeliveriesAsync(stored.Id));
        Assert.Equal(["recheck", "work"], (await restarted.OpenTasksAsync(beside)).Select(t => t.ElementId).Order(StringComparer.Ordinal));

        await restarted.AdvanceAsync(Grace);

        Assert.Equal(["recheck", "work"], (await restarted.OpenTasksAsync(beside)).Select(t => t.ElementId).Order(StringComparer.Ordinal));
        Assert.Equal(0, await RowsAsync(stored.Id));
    }
}

public sealed class SqliteEngineDispatchTests(SqliteTestDatabase database)
    : EngineDispatchTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlEngineDispatchTests(PostgreSqlTestDatabase database)
    : EngineDispatchTests(database), IClassFixture<PostgreSqlTestDatabase>;
