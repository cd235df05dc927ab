using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;

namespace OnboardingWorkflow.Data.Tests;

/// <summary>The schema a fresh database gets on each provider, and the rules it enforces.</summary>
public abstract class DatabaseSchemaTests(TestDatabase database)
{
    [Fact]
    public async Task Initialize_AppliesEveryMigration_OrCreatesTheSchemaBeforeTheFirstOne()
    {
        await using var db = database.CreateContext();

        var migrations = db.Database.GetMigrations().ToList();
        Assert.Equal(migrations, await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        if (migrations.Count > 0)
        {
            Assert.False(db.Database.HasPendingModelChanges(),
                "The model has changes that no migration captures: run deploy/scripts/add-migration.sh NAME.");
        }
    }

    [Fact]
    public async Task Initialize_CreatesATableForEveryEntityOfTheModel()
    {
        await using var db = database.CreateContext();

        var expected = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().ToHashSet();
        var existing = await TableNamesAsync(db);

        Assert.NotEmpty(expected);
        Assert.Empty(expected.Except(existing));
    }

    [Fact]
    public async Task Initialize_RunTwice_ChangesNothing()
    {
        await using var db = database.CreateContext();
        var before = await TableNamesAsync(db);

        await DatabaseInitializer.MigrateAsync(db);

        Assert.Equal(before.Order(), (await TableNamesAsync(db)).Order());
    }

    [Fact]
    public async Task Context_IsTheProvidersOwnFlavour()
    {
        await using var db = database.CreateContext();

        var (type, provider) = database.Provider switch
        {
            DatabaseProvider.Sqlite => (typeof(SqliteOnboardingDbContext), "Microsoft.EntityFrameworkCore.Sqlite"),
            DatabaseProvider.PostgreSql => (typeof(PostgreSqlOnboardingDbContext), "Npgsql.EntityFrameworkCore.PostgreSQL"),
            _ => throw new NotSupportedException(database.Provider.ToString()),
        };
        Assert.IsType(type, db);
        Assert.Equal(provider, db.Database.ProviderName);
    }

    [Fact]
    public async Task HistoryRow_OnceSaved_CannotBeChangedOrDeleted()
    {
        var row = new WorkflowHistoryEntity
        {
            InstanceId = Guid.NewGuid(), ProcessKey = "p", ProcessVersion = 1, Event = "completed",
            ElementId = "review", ElementType = "userTask", Time = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), Actor = "ana",
        };
        await using (var db = database.CreateContext())
        {
            db.Add(row);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var stored = await db.Set<WorkflowHistoryEntity>().SingleAsync(h => h.Id == row.Id);
            stored.Actor = "mallory";
            var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains(nameof(WorkflowHistoryEntity), changed.Message);

            db.ChangeTracker.Clear();
            db.Remove(await db.Set<WorkflowHistoryEntity>().SingleAsync(h => h.Id == row.Id));
            var deleted = Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
            Assert.Contains("deleted", deleted.Message);
        }

        await using (var db = database.CreateContext())
        {
            Assert.Equal("ana", (await db.Set<WorkflowHistoryEntity>().SingleAsync(h => h.Id == row.Id)).Actor);
        }
    }

    private async Task<List<string>> TableNamesAsync(OnboardingDbContext db)
    {
        var sql = database.Provider switch
        {
            DatabaseProvider.Sqlite => "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'",
            DatabaseProvider.PostgreSql => "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'",
            _ => throw new NotSupportedException(database.Provider.ToString()),
        };
        return await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
    }
}

public sealed class SqliteDatabaseSchemaTests(SqliteTestDatabase database)
    : DatabaseSchemaTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlDatabaseSchemaTests(PostgreSqlTestDatabase database)
    : DatabaseSchemaTests(database), IClassFixture<PostgreSqlTestDatabase>;
