using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Application.Tests.Support;

/// <summary>
/// A migrated database of one provider for one test class, with the task use cases over it as
/// the server wires them (one scope per unit of work) and a clock the test sets.
/// </summary>
public abstract class CaseDatabase : IAsyncLifetime
{
    private ServiceProvider? _services;

    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));

    protected abstract DatabaseProvider Provider { get; }

    protected abstract Task<string> CreateAsync();

    protected abstract Task DropAsync();

    /// <summary>A new unit of work: its own scope and DbContext.</summary>
    public AsyncServiceScope Scope() => (_services ?? throw new InvalidOperationException("Not initialised.")).CreateAsyncScope();

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider);
    }

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddOnboardingData(new DatabaseOptions { Provider = Provider, ConnectionString = await CreateAsync() });
        services.AddSingleton<TimeProvider>(Clock);
        services.AddScoped<IEmailOutbox, EfEmailOutbox>();
        services.AddScoped<CaseFile>();
        services.AddScoped<CaseAccess>();
        services.AddScoped<TaskInbox>();
        services.AddScoped<TaskAssignments>();
        services.AddScoped<SavedTaskFilters>();
        AddServices(services);
        _services = services.BuildServiceProvider(validateScopes: true);
        await using (var scope = Scope())
        {
            await DatabaseInitializer.MigrateAsync(scope.ServiceProvider.GetRequiredService<OnboardingDbContext>());
        }

        await SeedAsync();
    }

    /// <summary>The use cases a test class needs besides the task ones.</summary>
    protected virtual void AddServices(IServiceCollection services)
    {
    }

    /// <summary>What the test class starts from; nothing by default.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await DropAsync();
    }
}

/// <summary>A SQLite file, as the embedded default keeps it.</summary>
public class SqliteCaseDatabase : CaseDatabase
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"owf-app-tests-{Guid.NewGuid():N}.db");

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> CreateAsync() => Task.FromResult(new SqliteConnectionStringBuilder { DataSource = _file }.ToString());

    protected override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(_file + suffix);
        }

        return Task.CompletedTask;
    }
}

/// <summary>A database of its own on the test PostgreSQL server.</summary>
public class PostgreSqlCaseDatabase : CaseDatabase
{
    private readonly string _name = $"owf_app_test_{Guid.NewGuid():N}";

    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override async Task<string> CreateAsync()
    {
        var server = await PostgreSqlTestServer.GetConnectionStringAsync();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = _name }.ToString();
    }

    protected override async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await PostgreSqlTestServer.GetConnectionStringAsync());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>A clock that stands still unless the test moves it.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The <see cref="InboxWorld"/> on SQLite.</summary>
public sealed class SqliteInboxWorld : SqliteCaseDatabase
{
    protected override Task SeedAsync() => InboxWorld.SeedAsync(this);
}

/// <summary>The <see cref="InboxWorld"/> on PostgreSQL.</summary>
public sealed class PostgreSqlInboxWorld : PostgreSqlCaseDatabase
{
    protected override Task SeedAsync() => InboxWorld.SeedAsync(this);
}

/// <summary>The wide <see cref="InboxWorld"/> (<see cref="InboxWorld.SeedWideAsync"/>) on SQLite.</summary>
public sealed class SqliteWideInboxWorld : SqliteCaseDatabase
{
    protected override Task SeedAsync() => InboxWorld.SeedWideAsync(this);
}

/// <summary>The wide <see cref="InboxWorld"/> on PostgreSQL.</summary>
public sealed class PostgreSqlWideInboxWorld : PostgreSqlCaseDatabase
{
    protected override Task SeedAsync() => InboxWorld.SeedWideAsync(this);
}

/// <summary>The <see cref="InboxWorld"/> with the tasks of <see cref="InboxWorld.SeedRangesAsync"/>, on SQLite.</summary>
public sealed class SqliteRangeInboxWorld : SqliteCaseDatabase
{
    protected override Task SeedAsync() => InboxWorld.SeedRangesAsync(this);
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class PostgreSqlRangeInboxWorld : PostgreSqlCaseDatabase
{
    protected override Task SeedAsync() => InboxWorld.SeedRangesAsync(this);
}
