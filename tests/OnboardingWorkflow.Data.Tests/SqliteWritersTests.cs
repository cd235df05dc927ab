using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Data.Sqlite;

namespace OnboardingWorkflow.Data.Tests;

/// <summary>How units of work on one SQLite file wait for its single writer.</summary>
public sealed class SqliteWritersTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"owf-writers-{Guid.NewGuid():N}.db");
    private readonly string _other = Path.Combine(Path.GetTempPath(), $"owf-writers-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task EveryConnectionTheContextOpens_WaitsInSqliteForTheWriteLock()
    {
        using var scope = Services(_file).CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        await db.Database.OpenConnectionAsync();

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        Assert.Equal(30_000L, Convert.ToInt64(await command.ExecuteScalarAsync()));
    }

    [Fact]
    public async Task ASecondWriterOfTheSameFile_WaitsUntilTheFirstEndsItsTurn()
    {
        using var scope = Services(_file).CreateScope();
        var first = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        using var secondScope = Services(_file).CreateScope();
        var second = secondScope.ServiceProvider.GetRequiredService<OnboardingDbContext>();

        var turn = await SqliteWriteGate.EnterAsync(first, Patience, CancellationToken.None);
        var waiting = SqliteWriteGate.EnterAsync(second, Patience, CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);

        turn.Dispose();
        using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WritersOfDifferentFiles_DoNotWaitForEachOther()
    {
        using var scope = Services(_file).CreateScope();
        using var otherScope = Services(_other).CreateScope();

        using var turn = await SqliteWriteGate.EnterAsync(scope.ServiceProvider.GetRequiredService<OnboardingDbContext>(), Patience, CancellationToken.None);
        var other = SqliteWriteGate.EnterAsync(otherScope.ServiceProvider.GetRequiredService<OnboardingDbContext>(), Patience, CancellationToken.None).AsTask();

        using var otherTurn = await other.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AWriterOutOfPatience_GoesOnToSqlitesOwnLock_AndItsTurnReleasesNothing()
    {
        using var scope = Services(_file).CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var turn = await SqliteWriteGate.EnterAsync(db, Patience, CancellationToken.None);

        var impatient = await SqliteWriteGate.EnterAsync(db, TimeSpan.FromMilliseconds(50), CancellationToken.None);
        impatient.Dispose();

        // The impatient writer's turn gave nothing back: the gate is still the first writer's.
        var third = SqliteWriteGate.EnterAsync(db, Patience, CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(third.IsCompleted);
        turn.Dispose();
        using var thirdTurn = await third.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task OtherDatabases_TakeConcurrentWriters_AndPassTheGateAtOnce()
    {
        var services = new ServiceCollection().AddOnboardingData(new DatabaseOptions
        {
            Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=gate.invalid;Database=owf;Username=u",
        }).BuildServiceProvider();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();

        using var first = await SqliteWriteGate.EnterAsync(db, Patience, CancellationToken.None);
        using var second = await SqliteWriteGate.EnterAsync(db, TimeSpan.FromSeconds(10), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static ServiceProvider Services(string file) =>
        new ServiceCollection().AddOnboardingData(new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite, ConnectionString = new SqliteConnectionStringBuilder { DataSource = file }.ToString(),
        }).BuildServiceProvider();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _other })
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }
}
