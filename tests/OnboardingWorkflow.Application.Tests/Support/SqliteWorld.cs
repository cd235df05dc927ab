using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Application.Reports;
using OnboardingWorkflow.Application.Workflow;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Application.Tests.Support;

/// <summary>
/// A real SQLite file brought to the current schema, with the EF workflow stores, an engine and the
/// operations use cases on one DbContext, as one request of the server has them.
/// </summary>
public sealed class SqliteWorld : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"owf-app-tests-{Guid.NewGuid():N}.db");
    private ServiceProvider _services = null!;
    private IServiceScope _scope = null!;

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public HandlerRegistry Handlers { get; } = new();

    public OnboardingDbContext Db { get; private set; } = null!;

    public WorkflowEngine Engine { get; private set; } = null!;

    public CaseFile Cases { get; private set; } = null!;

    public InstanceQueries Instances { get; private set; } = null!;

    public InstanceAdministration Administration { get; private set; } = null!;

    public ReportQueries Reports { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddOnboardingData(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = new SqliteConnectionStringBuilder { DataSource = _file }.ToString() });
        _services = services.BuildServiceProvider();
        _scope = _services.CreateScope();
        Db = _scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        await DatabaseInitializer.MigrateAsync(Db);
        Engine = new WorkflowEngine(new WorkflowEngineOptions
        {
            Definitions = new EfDefinitionStore(Db),
            Instances = new EfInstanceStore(Db),
            Clock = Clock,
            Handlers = Handlers,
        });
        Cases = new CaseFile(Db, new EfEmailOutbox(Db, Clock), Clock);
        Instances = new InstanceQueries(Db, Engine, new CaseAccess(Cases), Clock);
        Administration = new InstanceAdministration(Engine, Cases);
        Reports = new ReportQueries(Db, Clock);
    }

    public async Task DisposeAsync()
    {
        _scope.Dispose();
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(_file + suffix);
        }
    }
}
