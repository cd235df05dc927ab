using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OnboardingWorkflow.Data.Tests.Support;

namespace OnboardingWorkflow.Data.Tests;

/// <summary>
/// Units of work of one process that save on one SQLite file at the same time share a commit: each
/// under its own savepoint, each answered only once the shared commit is done. The units of work are
/// held at their write until the others are queued, so the groups formed are known, not hoped for.
/// </summary>
public sealed class SqliteGroupCommitTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Units_of_work_queued_behind_a_writer_share_one_commit_and_are_answered_after_it()
    {
        await using var first = database.CreateContext();
        var group = SqliteGroupCommit.For(first) ?? throw new InvalidOperationException("A SQLite file database should commit in groups.");
        var before = group.Committed;
        var release = new TaskCompletionSource();

        // The first unit of work holds its turn until four more are queued behind it.
        var leader = SaveKeyAsync(first, "leader", release.Task);
        var followers = new List<Task>();
        for (var i = 0; i < 4; i++)
        {
            followers.Add(SaveKeyAsync(database.CreateContext(), $"follower {i}", Task.CompletedTask));
        }

        await WaitUntilAsync(() => group.Queued == 4);
        Assert.False(leader.IsCompleted);
        release.SetResult();
        await Task.WhenAll(followers.Append(leader)).WaitAsync(Patience);

        var after = group.Committed;
        Assert.Equal((1L, 5L), (after.Groups - before.Groups, after.UnitsOfWork - before.UnitsOfWork));
        Assert.Equal(["follower 0", "follower 1", "follower 2", "follower 3", "leader"], await KeysAsync("leader", "follower"));
    }

    [Fact]
    public async Task A_unit_of_work_is_not_answered_and_not_visible_until_its_group_commits()
    {
        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var group = SqliteGroupCommit.For(first)!;
        var holdFirst = new TaskCompletionSource();
        var holdSecond = new TaskCompletionSource();
        var secondWriting = new TaskCompletionSource();

        var one = SaveKeyAsync(first, "early", holdFirst.Task);
        var two = SaveKeyAsync(second, "late", holdSecond.Task, secondWriting);
        await WaitUntilAsync(() => group.Queued == 1);
        holdFirst.SetResult();

        // The first has written and left its turn, but the second, queued behind it, is writing in the same group.
        await secondWriting.Task.WaitAsync(Patience);
        Assert.Empty(await KeysAsync("early"));
        Assert.False(one.IsCompleted);

        holdSecond.SetResult();
        await Task.WhenAll(one, two).WaitAsync(Patience);
        Assert.Equal(["early", "late"], await KeysAsync("early", "late"));
    }

    [Fact]
    public async Task A_failing_unit_of_work_is_rolled_back_alone_and_the_rest_of_its_group_commits()
    {
        await using var first = database.CreateContext();
        var group = SqliteGroupCommit.For(first)!;
        var before = group.Committed;
        var release = new TaskCompletionSource();
        var leader = SaveKeyAsync(first, "kept first", release.Task);
        var failing = group.RunAsync(database.CreateContext(), async () =>
        {
            await using var _ = database.CreateContext();
            throw new InvalidOperationException("the unit of work fails after writing");
        }, CancellationToken.None);
        await WaitUntilAsync(() => group.Queued == 1);
        var broken = database.CreateContext();
        var brokenSave = group.RunAsync(broken, async () =>
        {
            broken.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "rolled back", Xml = "<key/>" });
            await broken.SaveChangesAsync(acceptAllChangesOnSuccess: false);
            throw new InvalidOperationException("fails after its row was written");
        }, CancellationToken.None);
        var last = SaveKeyAsync(database.CreateContext(), "kept last", Task.CompletedTask);
        await WaitUntilAsync(() => group.Queued == 3);
        release.SetResult();

        await Task.WhenAll(leader, last).WaitAsync(Patience);
        Assert.Equal("the unit of work fails after writing", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        Assert.Equal("fails after its row was written", (await Assert.ThrowsAsync<InvalidOperationException>(() => brokenSave)).Message);
        Assert.Equal(["kept first", "kept last"], await KeysAsync("kept", "rolled back"));
        var after = group.Committed;
        Assert.Equal((1L, 4L), (after.Groups - before.Groups, after.UnitsOfWork - before.UnitsOfWork));
    }

    [Fact]
    public async Task Many_contexts_saving_at_once_all_land_and_their_trackers_are_accepted()
    {
        var contexts = Enumerable.Range(0, 24).Select(_ => database.CreateContext()).ToList();
        await Task.WhenAll(contexts.Select((db, i) => Task.Run(async () =>
        {
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = $"parallel {i:00}", Xml = "<key/>" });
            Assert.Equal(1, await db.SaveChangesAsync());
        }))).WaitAsync(Patience);

        Assert.All(contexts, db => Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State)));
        Assert.Equal(Enumerable.Range(0, 24).Select(i => $"parallel {i:00}"), await KeysAsync("parallel"));

        // A context that saved in a group goes on working on a connection of its own.
        var again = contexts[0];
        again.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "parallel again", Xml = "<key/>" });
        await again.SaveChangesAsync();
        Assert.Equal(25, (await KeysAsync("parallel")).Count);
    }

    [Fact]
    public async Task A_context_with_a_transaction_of_its_own_saves_alone()
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        Assert.Null(SqliteGroupCommit.For(db));
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "own transaction", Xml = "<key/>" });
        await db.SaveChangesAsync();
        await transaction.RollbackAsync();
        Assert.Empty(await KeysAsync("own transaction"));
    }

    [Fact]
    public async Task A_group_keeps_the_undo_journals_of_its_statements_in_memory_not_in_temporary_files()
    {
        // A statement changing many rows under a savepoint spills its undo journal past 64 KiB;
        // with temporary files on disk that is a file created and unlinked within the group's turn.
        await using var db = database.CreateContext();
        long? store = null;
        await SqliteGroupCommit.For(db)!.RunAsync(db, async () =>
        {
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText = "PRAGMA temp_store";
            store = (long?)await command.ExecuteScalarAsync();
        }, CancellationToken.None);

        Assert.Equal(2L, store); // MEMORY
    }

    [Fact]
    public async Task The_time_the_write_turn_is_held_is_counted_for_the_writes_and_for_the_commits()
    {
        await using var db = database.CreateContext();
        var group = SqliteGroupCommit.For(db)!;
        var before = group.TurnHeld;

        await SaveKeyAsync(db, "held a while", Task.Delay(TimeSpan.FromMilliseconds(100)));

        var after = group.TurnHeld;
        Assert.InRange(after.Writing - before.Writing, TimeSpan.FromMilliseconds(90), Patience);
        Assert.True(after.Committing > before.Committing, $"committing {before.Committing} -> {after.Committing}");
    }

    /// <summary>Saves a key row in a group, its write held until <paramref name="hold"/> completes.</summary>
    private static Task SaveKeyAsync(OnboardingDbContext db, string name, Task hold, TaskCompletionSource? writing = null) =>
        SqliteGroupCommit.For(db)!.RunAsync(db, async () =>
        {
            writing?.SetResult();
            await hold.WaitAsync(Patience);
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = "<key/>" });
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false);
        }, CancellationToken.None);

    /// <summary>The committed key rows whose names start with one of the prefixes, read on a connection of its own.</summary>
    private async Task<List<string>> KeysAsync(params string[] prefixes)
    {
        await using var reader = database.CreateContext();
        var names = await reader.DataProtectionKeys.AsNoTracking().Select(k => k.FriendlyName!).ToListAsync();
        return names.Where(n => prefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal))).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Patience, "The units of work did not queue in time.");
            await Task.Delay(10);
        }
    }
}
