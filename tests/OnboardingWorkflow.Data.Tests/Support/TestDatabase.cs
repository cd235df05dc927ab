using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace OnboardingWorkflow.Data.Tests.Support;

/// <summary>
/// A database of one provider for one test class: created and brought to the current schema by
/// <see cref="DatabaseInitializer"/> before the first test, removed after the last. Contexts come
/// from <see cref="DataServiceCollectionExtensions.AddOnboardingData"/>, as in the server, and
/// every SQL command they send is recorded.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private readonly ConcurrentBag<IServiceScope> _scopes = [];
    private ServiceProvider? _services;

    public abstract DatabaseProvider Provider { get; }

    public SqlRecorder Sql { get; } = new();

    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    /// <summary>A new context on its own connection: a separate unit of work, or a separate server.</summary>
    public OnboardingDbContext CreateContext()
    {
        var scope = (_services ?? throw new InvalidOperationException("The database is not initialised yet.")).CreateScope();
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
    }

    public async Task InitializeAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddOnboardingData(new DatabaseOptions { Provider = Provider, ConnectionString = connectionString });
        _ = Provider switch
        {
            DatabaseProvider.Sqlite => services.ConfigureDbContext<SqliteOnboardingDbContext>(options => options.AddInterceptors(Sql)),
            DatabaseProvider.PostgreSql => services.ConfigureDbContext<PostgreSqlOnboardingDbContext>(options => options.AddInterceptors(Sql)),
            _ => throw new NotSupportedException($"No test database for {Provider}."),
        };
        _services = services.BuildServiceProvider(validateScopes: true);
        await using var db = CreateContext();
        await DatabaseInitializer.MigrateAsync(db);
    }

    public async Task DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            scope.Dispose();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await DropDatabaseAsync();
    }
}

/// <summary>Keeps the text of every command sent, so tests can check what a query touches.</summary>
public sealed class SqlRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _commands = new();

    public IReadOnlyList<string> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _commands.Enqueue(command.CommandText);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        _commands.Enqueue(command.CommandText);
        return base.ReaderExecuting(command, eventData, result);
    }
}
