using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OnboardingWorkflow.Data.Sqlite;

/// <summary>
/// Lets SQLite itself wait for the write lock. SQLite has one writer at a time; without a busy
/// timeout a second writer's BEGIN returns "busy" at once, and the ADO.NET provider then retries
/// after sleeping 150 ms, so two units of work that collide lose 150 ms even when the first one
/// commits within a millisecond. With a busy timeout SQLite retries inside the call after 1, 2,
/// 5, 10 ms and so on, and the waiting writer goes on almost as soon as the lock is free. Set on
/// every connection the context opens (a pooled connection keeps it, setting it again is cheap).
/// </summary>
public sealed class SqliteBusyTimeout(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA busy_timeout = {(long)timeout.TotalMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }
}
