using System.Data;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;

namespace OnboardingWorkflow.Data.Tests.Engine;

/// <summary>
/// A write batch that is its own transaction on PostgreSQL (<see cref="WriteBatch.ExecuteCommittingAsync"/>):
/// all of it or nothing, and a statement that changed the wrong number of rows fails it with that
/// statement's own exception, although the database checked the count, not this process.
/// </summary>
public sealed class CommittingBatchTests(PostgreSqlTestDatabase database) : IClassFixture<PostgreSqlTestDatabase>
{
    [Fact]
    public async Task A_batch_commits_itself_in_its_round_trip_and_leaves_no_transaction_open()
    {
        var id = Guid.NewGuid();
        await using var db = database.CreateContext();
        using (var batch = new WriteBatch(db))
        {
            batch.Insert([Instance(id)]);
            AddRevisionUpdate(db, batch, id, "lost");
            await batch.ExecuteCommittingAsync(CancellationToken.None);
        }

        Assert.Equal(ConnectionState.Closed, db.Database.GetDbConnection().State);
        Assert.Null(db.Database.CurrentTransaction);
        await using var other = database.CreateContext();
        Assert.Equal(1, await other.Set<WorkflowInstanceEntity>().Where(i => i.Id == id).Select(i => i.Revision).SingleAsync());
    }

    [Fact]
    public async Task A_wrong_row_count_fails_the_batch_with_that_statements_exception_and_writes_nothing()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await using var db = database.CreateContext();
        using (var setup = new WriteBatch(db))
        {
            setup.Insert([Instance(first)]);
            await setup.ExecuteCommittingAsync(CancellationToken.None);
        }

        // The first check holds (revision 0), the second does not (the row is not there); an insert sits between them.
        using var batch = new WriteBatch(db);
        AddRevisionUpdate(db, batch, first, "first");
        batch.Insert([Instance(Guid.NewGuid(), "written-then-undone")]);
        AddRevisionUpdate(db, batch, second, "second");

        var error = await Assert.ThrowsAsync<DBConcurrencyException>(() => batch.ExecuteCommittingAsync(CancellationToken.None));

        Assert.Equal("second", error.Message);
        Assert.Equal(ConnectionState.Closed, db.Database.GetDbConnection().State);
        await using var other = database.CreateContext();
        Assert.Equal(0, await other.Set<WorkflowInstanceEntity>().Where(i => i.Id == first).Select(i => i.Revision).SingleAsync());
        Assert.False(await other.Set<WorkflowInstanceEntity>().AnyAsync(i => i.ProcessKey == "written-then-undone"));
    }

    [Fact]
    public async Task A_batch_does_not_commit_itself_inside_a_transaction_of_its_caller()
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        using var batch = new WriteBatch(db);
        batch.Insert([Instance(Guid.NewGuid())]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => batch.ExecuteCommittingAsync(CancellationToken.None));
    }

    private static WorkflowInstanceEntity Instance(Guid id, string process = "committing-batch") => new()
    {
        Id = id, ProcessKey = process, ProcessVersion = 1, Status = "Running", Revision = 0, StartedAt = DateTimeOffset.UnixEpoch, StateJson = "{}",
    };

    /// <summary>Adds the instance's update from revision 0 to 1, which must change one row or fail with <paramref name="failure"/>.</summary>
    private static void AddRevisionUpdate(OnboardingDbContext db, WriteBatch batch, Guid id, string failure)
    {
        var instances = RowTable.Of<WorkflowInstanceEntity>(db);
        var revision = instances.Column(nameof(WorkflowInstanceEntity.Revision));
        batch.Add($"UPDATE {instances.Name} SET {revision} = {instances.Placeholder("w0")}"
            + $" WHERE {instances.Column(nameof(WorkflowInstanceEntity.Id))} = {instances.Placeholder("w1")} AND {revision} = {instances.Placeholder("w2")}",
            [batch.Parameter(instances, nameof(WorkflowInstanceEntity.Revision), 0, 1L), batch.Parameter(instances, nameof(WorkflowInstanceEntity.Id), 1, id),
                batch.Parameter(instances, nameof(WorkflowInstanceEntity.Revision), 2, 0L)],
            rows: 1, otherwise: () => new DBConcurrencyException(failure));
    }
}
