using Microsoft.Data.Sqlite;

namespace OnboardingWorkflow.Data.Tests.Support;

/// <summary>A SQLite file in the temp folder, as the embedded default uses (a file, not memory).</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"owf-data-tests-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult(new SqliteConnectionStringBuilder { DataSource = _file }.ToString());

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(_file + suffix);
        }

        return Task.CompletedTask;
    }
}
