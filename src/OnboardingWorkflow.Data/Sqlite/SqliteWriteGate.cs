using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace OnboardingWorkflow.Data.Sqlite;

/// <summary>
/// Queues this process's writers of one SQLite database before they ask SQLite for its write
/// lock. SQLite has a single writer; a unit of work that finds the lock taken sleeps in the busy
/// handler (1, 2, 5 ... 100 ms) and wakes late, so with several units of work at once the lock
/// often sits free while every waiter sleeps. In the gate the next writer starts the moment the
/// previous one commits, while the others go on with their reading and computing in parallel.
/// Writers of another process still meet in SQLite's own lock and busy timeout. Other databases
/// take concurrent writers and get a gate that does nothing.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits for this database's turn and returns what ends it. After <paramref name="patience"/>
    /// the writer goes on to SQLite's own lock instead, as it did before the gate, so a writer that
    /// (wrongly) waits for itself in a nested unit of work fails as busy rather than hanging.
    /// </summary>
    public static async ValueTask<Turn> EnterAsync(DbContext db, TimeSpan patience, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite() || db.Database.GetConnectionString() is not { } connection)
        {
            return default;
        }

        var gate = Gates.GetOrAdd(KeyOf(connection), _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(patience, cancellationToken) ? new Turn(gate) : default;
    }

    private static string KeyOf(string connection)
    {
        var source = new SqliteConnectionStringBuilder(connection).DataSource;
        return source is "" or ":memory:" ? connection : Path.GetFullPath(source);
    }

    /// <summary>A writer's turn; disposing it lets the next one in.</summary>
    public readonly struct Turn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
