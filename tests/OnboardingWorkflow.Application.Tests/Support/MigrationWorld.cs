using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Application.Workflow;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Time;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Application.Tests.Support;

/// <summary>
/// A migrated database (a SQLite file, or a database of its own on the test PostgreSQL server) with the engine, the migration use cases and the batch runner wired as
/// the server wires them (one scope, DbContext and engine per unit of work), a clock the test
/// moves, and a queue that records what was enqueued instead of running it.
/// </summary>
public sealed class MigrationWorld(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"owf-migrate-tests-{Guid.NewGuid():N}.db");
    private readonly string _database = $"owf_migrate_test_{Guid.NewGuid():N}";
    private ServiceProvider _services = null!;

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public RecordingQueue Queue { get; } = new();

    /// <summary>Runs before every engine commit, e.g. to let another unit of work move an instance first.</summary>
    public Func<WorkflowCommit, Task>? BeforeCommit { get; set; }

    /// <summary>Sees every engine commit's history, after the commit.</summary>
    public List<IHistorySink> Sinks { get; } = [];

    public MigrationBatchRunner Runner => _services.GetRequiredService<MigrationBatchRunner>();

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddOnboardingData(new DatabaseOptions { Provider = provider, ConnectionString = await CreateAsync() });
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(new DefinitionCache());
        services.AddSingleton(new ScriptRuntime(ScriptLimits.Default));
        services.AddScoped<IEmailOutbox, EfEmailOutbox>();
        services.AddScoped<CaseFile>();
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<OnboardingDbContext>();
            return new WorkflowEngine(new WorkflowEngineOptions
            {
                Definitions = new EfDefinitionStore(db),
                Instances = new HookedInstanceStore(new EfInstanceStore(db)) { BeforeCommit = commit => BeforeCommit?.Invoke(commit) ?? Task.CompletedTask },
                Clock = Clock,
                DefinitionCache = sp.GetRequiredService<DefinitionCache>(),
                Scripts = sp.GetRequiredService<ScriptRuntime>(),
                HistorySinks = Sinks,
            });
        });
        services.AddSingleton<IMigrationBatchQueue>(Queue);
        services.AddScoped<InstanceMigrations>();
        services.AddSingleton<MigrationBatchRunner>();
        _services = services.BuildServiceProvider(validateScopes: true);
        await RunAsync(sp => DatabaseInitializer.MigrateAsync(sp.GetRequiredService<OnboardingDbContext>()));
    }

    /// <summary>One unit of work in a scope of its own.</summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task RunAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = _services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public Task<T> EngineAsync<T>(Func<WorkflowEngine, Task<T>> work) => RunAsync(sp => work(sp.GetRequiredService<WorkflowEngine>()));

    public Task<T> MigrationsAsync<T>(Func<InstanceMigrations, Task<T>> work) => RunAsync(sp => work(sp.GetRequiredService<InstanceMigrations>()));

    public Task<int> DeployAsync(string xml) => EngineAsync(async e => (await e.DeployAsync(xml, "test.bpmn")).Processes.Single().Version);

    public Task<ProcessInstance> StartAsync(string key, IDictionary<string, object?> variables) => EngineAsync(e => e.StartAsync(key, variables));

    public Task<ProcessInstance> InstanceAsync(Guid id) => EngineAsync(async e => (await e.GetInstanceAsync(id))!);

    public Task<IReadOnlyList<TaskRecord>> TasksAsync(Guid instanceId, UserTaskStatus? status = UserTaskStatus.Open) =>
        EngineAsync(e => e.Options.Instances.QueryTasksAsync(new TaskQuery { InstanceId = instanceId, Status = status }));

    /// <summary>
    /// <paramref name="count"/> copies of a waiting instance, written in one commit: the same state,
    /// bookmarks and open tasks under new ids, as if each had been started and run to the same place.
    /// </summary>
    public Task<List<Guid>> CloneAsync(Guid templateId, int count) => EngineAsync(async engine =>
    {
        var template = (await engine.GetInstanceAsync(templateId))!;
        var json = InstanceJson.Serialize(template);
        var commit = new WorkflowCommit();
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7();
            var text = json.Replace(template.Id.ToString(), id.ToString(), StringComparison.Ordinal);
            foreach (var bookmark in template.Bookmarks)
            {
                text = text.Replace(bookmark.Id, Guid.CreateVersion7().ToString("N"), StringComparison.Ordinal);
            }

            var copy = InstanceJson.Deserialize(text);
            commit.Instances.Add((copy, -1));
            foreach (var task in copy.UserTasks)
            {
                commit.CreatedTasks.Add(new TaskRecord
                {
                    Id = task.Id, InstanceId = copy.Id, ProcessKey = copy.ProcessKey, BusinessKey = copy.BusinessKey, ElementId = task.ElementId,
                    Name = task.Task!.Name, Assignee = task.Task.Assignee, CandidateGroups = task.Task.CandidateGroups, CreatedAt = task.CreatedAt,
                });
            }

            ids.Add(id);
        }

        await engine.Options.Instances.CommitAsync(commit);
        return ids;
    });

    private async Task<string> CreateAsync()
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return new SqliteConnectionStringBuilder { DataSource = _file }.ToString();
        }

        var server = await PostgreSqlTestServer.GetConnectionStringAsync();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = _database }.ToString();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        if (provider == DatabaseProvider.PostgreSql)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(await PostgreSqlTestServer.GetConnectionStringAsync());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(_file + suffix);
        }
    }

    /// <summary>Records enqueued batches; the test runs the runner itself.</summary>
    public sealed class RecordingQueue : IMigrationBatchQueue
    {
        public List<Guid> Enqueued { get; } = [];

        public void Enqueue(Guid batchId) => Enqueued.Add(batchId);
    }
}
