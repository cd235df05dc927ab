using System.Collections.Concurrent;
using System.Data;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace OnboardingWorkflow.Data;

/// <summary>
/// Group commit for a SQLite database file: the units of work of this process that save at the
/// same time are written in one transaction, each under a savepoint of its own, and made durable by
/// one sync. Every caller is answered only after that commit returned, so nothing is acknowledged
/// before it is on disk; the durability is the file's own (<c>synchronous=FULL</c> in WAL mode
/// syncs the log on every commit). A unit of work that fails is rolled back to its savepoint and
/// gets its exception; the others of its group are not touched by it.
/// <para>
/// Why: SQLite has one writer, and each commit waits for its sync. Measured on the reference flow
/// (BENCHMARKS.md, "Persisted engine throughput"), the sync took 60 % of a unit of work, and four
/// concurrent workers were slower than one, because a writer that finds the file locked is retried
/// after a sleep. Here writers of one process queue in memory instead, and whoever is queued while
/// a group syncs joins the next group.
/// </para>
/// <para>
/// How: the first unit of work of a group (its leader) opens its own connection and begins an
/// immediate transaction; the others write through the leader's connection for the length of their
/// turn (the context's connection is swapped and swapped back), so EF's change tracking, the engine
/// store's write batch and every interceptor work as in any transaction. The last unit of work to
/// write, when nobody else is queued or the group is full, commits the group. Only file databases
/// whose contexts were configured with a connection string take part; a context with a transaction
/// of its own, an open connection, or an in-memory database saves on its own as before.
/// </para>
/// </summary>
public sealed class SqliteGroupCommit
{
    /// <summary>At most this many units of work share a commit, so a steady stream of writers cannot hold a group open.</summary>
    public const int MaxGroupSize = 64;

    private const string Savepoint = "owf_unit_of_work";

    private static readonly ConcurrentDictionary<string, SqliteGroupCommit> Databases = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _queued;
    private Group? _open;

    private long _groups;
    private long _units;
    private long _writingTicks;
    private long _committingTicks;

    /// <summary>Units of work waiting for their turn to write.</summary>
    internal int Queued => Volatile.Read(ref _queued);

    /// <summary>The groups this database committed since the process started, and the units of work they held.</summary>
    public (long Groups, long UnitsOfWork) Committed => (Interlocked.Read(ref _groups), Interlocked.Read(ref _units));

    /// <summary>
    /// How long the write turn was held since the process started: for the units of work's writes,
    /// and for the groups' commits (writing the log and syncing it). Nobody else writes meanwhile,
    /// so their sum over a span of wall time says how close the database is to its limit.
    /// </summary>
    public (TimeSpan Writing, TimeSpan Committing) TurnHeld =>
        (Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _writingTicks)), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _committingTicks)));

    /// <summary>The group commit of the context's database, or null when the context saves on its own (see the class remarks).</summary>
    public static SqliteGroupCommit? For(OnboardingDbContext db) =>
        db.Database.CurrentTransaction is null && System.Transactions.Transaction.Current is null ? db.GroupCommit : null;

    /// <summary>The group commit of a context's options: the same for every use of the context, so a context asks once.</summary>
    internal static SqliteGroupCommit? Of(OnboardingDbContext db)
    {
        if (db is not SqliteOnboardingDbContext)
        {
            return null;
        }

        var options = RelationalOptionsExtension.Extract(db.GetService<IDbContextOptions>());
        if (options.Connection is not null || string.IsNullOrEmpty(options.ConnectionString))
        {
            return null;
        }

        var file = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (file.Mode == SqliteOpenMode.Memory || file.DataSource is "" or ":memory:")
        {
            return null;
        }

        return Databases.GetOrAdd(options.ConnectionString, _ => new SqliteGroupCommit());
    }

    /// <summary>
    /// Runs <paramref name="write"/> in this database's current group (opening one if none is open)
    /// and returns once the group's commit is durable; throws what <paramref name="write"/> threw,
    /// after its savepoint was rolled back, or the commit's failure.
    /// </summary>
    public async Task RunAsync(DbContext db, Func<Task> write, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _queued);

        // Not cancellable: a unit of work that left the queue now could leave a group nobody commits.
        await _turn.WaitAsync(CancellationToken.None);
        var held = Stopwatch.GetTimestamp();
        Interlocked.Decrement(ref _queued);
        Group? group = null;
        Exception? failure = null;
        var leads = false;
        try
        {
            if (_open is not null && db.Database.GetDbConnection().State != ConnectionState.Closed)
            {
                // The context holds its own connection open, so it cannot take the group's: that group goes first.
                Commit(_open);
                held = Stopwatch.GetTimestamp();
            }

            if (_open is null)
            {
                _open = await Group.BeginAsync(db, cancellationToken);
                leads = true;
            }

            group = _open;
            failure = await group.WriteAsync(db, write, leads, cancellationToken);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            Interlocked.Add(ref _writingTicks, Stopwatch.GetTimestamp() - held);

            // The last writer of a burst commits: whoever is queued now joins the next group.
            if (_open is { } open && (open.Failure is not null || open.Size >= MaxGroupSize || Volatile.Read(ref _queued) == 0))
            {
                Commit(open);
            }

            _turn.Release();
        }

        if (group is not null)
        {
            try
            {
                await group.Committed;
            }
            catch (Exception ex)
            {
                // A unit of work that failed itself reports its own failure, not the group's.
                failure ??= ex;
            }
            finally
            {
                if (leads)
                {
                    await group.CloseAsync(db);
                }
            }
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private void Commit(Group group)
    {
        var started = Stopwatch.GetTimestamp();
        _open = null;
        group.Commit();
        Interlocked.Add(ref _committingTicks, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _groups);
        Interlocked.Add(ref _units, group.Size);
    }

    /// <summary>One transaction on the leader's connection, and the units of work written in it.</summary>
    private sealed class Group(SqliteConnection connection, SqliteTransaction transaction)
    {
        private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Size { get; private set; }

        /// <summary>Set when the group's transaction can no longer be committed; every unit of work of it fails.</summary>
        public Exception? Failure { get; private set; }

        public Task Committed => _committed.Task;

        public static async Task<Group> BeginAsync(DbContext leader, CancellationToken cancellationToken)
        {
            // Opened through EF, so the connection is set up as EF sets up its own (foreign keys, functions).
            await leader.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                var connection = (SqliteConnection)leader.Database.GetDbConnection();
                KeepTemporaryFilesInMemory(connection);
                return new Group(connection, connection.BeginTransaction(deferred: false));
            }
            catch
            {
                await leader.Database.CloseConnectionAsync();
                throw;
            }
        }

        /// <summary>
        /// A statement that may change several rows inside a savepoint keeps a journal to undo it
        /// by; past 64 KiB SQLite spills that journal into a temporary file, created, written and
        /// unlinked within the group's turn. Kept in memory instead (a pooled connection keeps the
        /// setting, which only decides where temporary data of this connection goes).
        /// </summary>
        private static void KeepTemporaryFilesInMemory(SqliteConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA temp_store = MEMORY";
            command.ExecuteNonQuery();
        }

        /// <summary>Writes one unit of work under its savepoint; returns its failure, if any, after rolling it back.</summary>
        public async Task<Exception?> WriteAsync(DbContext db, Func<Task> write, bool leads, CancellationToken cancellationToken)
        {
            var own = db.Database.GetConnectionString();
            if (!leads)
            {
                db.Database.SetDbConnection(connection, contextOwnsConnection: false);
            }

            try
            {
                await db.Database.UseTransactionAsync(transaction, cancellationToken);
                Size++;
                transaction.Save(Savepoint);
                try
                {
                    await write();
                    transaction.Release(Savepoint);
                    return null;
                }
                catch (Exception ex)
                {
                    RollBack();
                    return ex;
                }
            }
            finally
            {
                await db.Database.UseTransactionAsync(null, CancellationToken.None);
                await db.Database.CloseConnectionAsync();
                if (!leads)
                {
                    db.Database.SetDbConnection(null, contextOwnsConnection: true);
                    db.Database.SetConnectionString(own);
                }
            }
        }

        public void Commit()
        {
            try
            {
                if (Failure is not null)
                {
                    throw Failure;
                }

                transaction.Commit();
                _committed.SetResult();
            }
            catch (Exception ex)
            {
                _committed.SetException(ex);
            }
        }

        public async Task CloseAsync(DbContext leader)
        {
            await transaction.DisposeAsync();
            await leader.Database.CloseConnectionAsync();
        }

        private void RollBack()
        {
            try
            {
                transaction.Rollback(Savepoint);
                transaction.Release(Savepoint);
            }
            catch (Exception ex)
            {
                // The transaction is broken (the connection failed): none of the group can be kept.
                Failure = new InvalidOperationException("A unit of work could not be rolled back alone, so its whole commit group was rolled back.", ex);
            }
        }
    }
}
