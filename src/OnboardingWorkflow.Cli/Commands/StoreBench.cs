using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Cli.Commands;

/// <summary>What a persisted run measured: its time, its work, and the database traffic of its units of work.</summary>
public sealed record StoreBenchRun(TimeSpan Elapsed, int Instances, int Completions, long Commands, long Statements, long Commits, long AllocatedBytes,
    IReadOnlyList<string> Failures, IReadOnlyDictionary<string, int> CommandTexts)
{
    /// <summary>Of <see cref="Commits"/>, those that travelled with their write batch (PostgreSQL: the batch is its own transaction), so they took no round trip of their own.</summary>
    public long BatchCommits { get; init; }

    /// <summary>Commands and batches, plus the commits that went on their own (BEGIN travels with the first command).</summary>
    public long RoundTrips => Commands + Commits - BatchCommits;

    /// <summary>The CPU time this process spent during the run, on every thread (the database server's, if any, is not in it).</summary>
    public TimeSpan ProcessorTime { get; init; }

    /// <summary>On SQLite, the units of work that went in a shared commit (<see cref="SqliteGroupCommit"/>): null elsewhere.</summary>
    public long? GroupedUnitsOfWork { get; init; }

    /// <summary>On SQLite, how long the group commit's write turn was held during the run, for writes and for its commits (how many): null elsewhere.</summary>
    public (TimeSpan Writing, TimeSpan Committing, long Groups)? TurnHeld { get; init; }

    /// <summary>The wall time of the starts and of the task completions, summed over all workers.</summary>
    public TimeSpan StartTime { get; init; }

    public TimeSpan CompletionTime { get; init; }

    /// <summary>Units of work: one per start and one per task completion.</summary>
    public int UnitsOfWork => Instances + Completions;
}

/// <summary>
/// The reference flow on the EF stores, as the server runs it: every start and every task
/// completion is a unit of work of its own, in its own scope and DbContext, committed durably with
/// full history; the task to complete is the one the previous unit of work left waiting, as a
/// person would pick it from the inbox. <c>workers</c> loops run side by side, each driving its own
/// instances to the end. Every database command, SQL statement and explicit transaction is counted:
/// EF's through an interceptor, the engine store's write batches through <see cref="DataTelemetry"/>.
/// </summary>
public sealed class StoreBench : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly Traffic _traffic = new();
    private readonly DefinitionCache _definitions = new();
    private readonly ScriptRuntime _scripts = new();
    private readonly ActivityListener _batches;
    private long _startTicks;
    private long _completionTicks;

    public StoreBench(DatabaseProvider provider, string connection)
    {
        Provider = provider;
        _batches = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DataTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _traffic.Count,
        };
        ActivitySource.AddActivityListener(_batches);
        var services = new ServiceCollection();
        services.AddOnboardingData(new DatabaseOptions { Provider = provider, ConnectionString = connection });
        _ = provider switch
        {
            DatabaseProvider.Sqlite => services.ConfigureDbContext<SqliteOnboardingDbContext>(o => o.AddInterceptors(_traffic)),
            DatabaseProvider.PostgreSql => services.ConfigureDbContext<PostgreSqlOnboardingDbContext>(o => o.AddInterceptors(_traffic)),
            _ => throw new UsageException("--store must be sqlite or postgresql"),
        };
        _services = services.BuildServiceProvider();
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The most extra variables an instance of the run may carry.</summary>
    public const int MaxVariables = 10_000;

    /// <summary>Migrates the database and deploys the flow; returns how the database makes a commit durable, in words.</summary>
    public async Task<string> PrepareAsync(string xml)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        await DatabaseInitializer.MigrateAsync(db);
        await Engine(db).DeployAsync(xml, "approval.bpmn");
        return Provider == DatabaseProvider.Sqlite
            ? $"journal_mode={await ScalarAsync(db, "PRAGMA journal_mode")}, synchronous={Synchronous(await ScalarAsync(db, "PRAGMA synchronous"))}"
            : $"synchronous_commit={await ScalarAsync(db, "SHOW synchronous_commit")}, fsync={await ScalarAsync(db, "SHOW fsync")}";
    }

    /// <summary>
    /// Runs <paramref name="n"/> instances on <paramref name="workers"/> loops and checks each took its
    /// expected path. Each instance starts with <paramref name="variables"/> variables besides the
    /// amount (numbers and short texts, as a case's data would be), which no step changes.
    /// </summary>
    public async Task<StoreBenchRun> RunAsync(int n, int workers, int variables = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(variables, MaxVariables);
        var next = -1;
        var completions = 0;
        Interlocked.Exchange(ref _startTicks, 0);
        Interlocked.Exchange(ref _completionTicks, 0);
        var failures = new List<string>();
        _traffic.Reset();
        var (groupsBefore, groupedBefore, heldBefore) = await GroupCommitsAsync();
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var processor = Environment.CpuUsage.TotalTime;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < n; i = Interlocked.Increment(ref next))
            {
                var (path, done) = await DriveAsync(i, variables);
                Interlocked.Add(ref completions, path.Count);
                var expected = Amount(i) > 1000 ? "approveTier2First,approveTier2Second" : "approveTier1";
                if (!done || string.Join(',', path) != expected)
                {
                    lock (failures)
                    {
                        failures.Add($"instance {i} (amount {Amount(i)}): {(done ? "completed" : "not completed")}, path {string.Join(',', path)}");
                    }
                }
            }
        })));
        stopwatch.Stop();
        processor = Environment.CpuUsage.TotalTime - processor;
        var (groups, grouped, held) = await GroupCommitsAsync();

        // A group's commit is the connection's own, past EF's transaction events: counted here.
        return new StoreBenchRun(stopwatch.Elapsed, n, completions, _traffic.Commands, _traffic.Statements, _traffic.Commits + (groups - groupsBefore),
            GC.GetTotalAllocatedBytes(precise: true) - allocated, failures, new Dictionary<string, int>(_traffic.Texts))
        {
            BatchCommits = _traffic.BatchCommits,
            GroupedUnitsOfWork = Provider == DatabaseProvider.Sqlite ? grouped - groupedBefore : null,
            TurnHeld = Provider == DatabaseProvider.Sqlite ? (held.Writing - heldBefore.Writing, held.Committing - heldBefore.Committing, groups - groupsBefore) : null,
            ProcessorTime = processor,
            StartTime = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _startTicks)),
            CompletionTime = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _completionTicks)),
        };
    }

    /// <summary>The commits the database's group commit made so far, the units of work in them and how long it held its turn (zeros where there is none).</summary>
    private async Task<(long Groups, long UnitsOfWork, (TimeSpan Writing, TimeSpan Committing) Held)> GroupCommitsAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        if (SqliteGroupCommit.For(scope.ServiceProvider.GetRequiredService<OnboardingDbContext>()) is not { } group)
        {
            return (0, 0, (TimeSpan.Zero, TimeSpan.Zero));
        }

        var (groups, units) = group.Committed;
        return (groups, units, group.TurnHeld);
    }

    public async ValueTask DisposeAsync()
    {
        _batches.Dispose();
        await _services.DisposeAsync();
    }

    private static double Amount(int i) => i % 2 == 0 ? 500d : 5000d;

    /// <summary>One instance from its start to its end, each step a unit of work in a scope of its own.</summary>
    private async Task<(List<string> Path, bool Done)> DriveAsync(int i, int variables)
    {
        var start = new Dictionary<string, object?>(variables + 1) { ["amount"] = Amount(i) };
        for (var v = 0; v < variables; v++)
        {
            start[$"field{v}"] = v % 2 == 0 ? v * 10.5m : $"text of field {v}";
        }

        var instance = await InUnitOfWorkAsync(engine => engine.StartAsync("approvalBench", start), isStart: true);
        var path = new List<string>(2);
        while (instance.Status == InstanceStatus.Waiting && instance.Bookmarks.Find(b => b.Kind == BookmarkKind.UserTask) is { } task)
        {
            path.Add(task.ElementId);
            instance = await InUnitOfWorkAsync(engine => engine.CompleteTaskAsync(task.Id, null, "bench"), isStart: false);
        }

        return (path, instance.Status == InstanceStatus.Completed);
    }

    /// <summary>One unit of work in a scope of its own, its wall time added to the starts' or the completions'.</summary>
    private async Task<ProcessInstance> InUnitOfWorkAsync(Func<WorkflowEngine, Task<ProcessInstance>> step, bool isStart)
    {
        var began = Stopwatch.GetTimestamp();
        await using var scope = _services.CreateAsyncScope();
        var result = await step(Engine(scope.ServiceProvider.GetRequiredService<OnboardingDbContext>()));
        Interlocked.Add(ref isStart ? ref _startTicks : ref _completionTicks, Stopwatch.GetTimestamp() - began);
        return result;
    }

    private WorkflowEngine Engine(OnboardingDbContext db) => new(new WorkflowEngineOptions
    {
        Definitions = new EfDefinitionStore(db),
        Instances = new EfInstanceStore(db),
        DefinitionCache = _definitions,
        Scripts = _scripts,
    });

    private static async Task<string> ScalarAsync(OnboardingDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Synchronous(string level) => level switch
    {
        "0" => "OFF",
        "1" => "NORMAL",
        "2" => "FULL",
        "3" => "EXTRA",
        _ => level,
    };

    /// <summary>Counts what a unit of work sends to the database: commands (round trips), the SQL statements in them, and committed transactions.</summary>
    private sealed class Traffic : DbCommandInterceptor, IDbTransactionInterceptor
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _texts = new();
        private long _commands;
        private long _statements;
        private long _commits;
        private long _batchCommits;

        /// <summary>Each command's text (with EF's batches whole) and how often it ran since the last reset.</summary>
        public IReadOnlyDictionary<string, int> Texts => _texts;

        public long Commands => Interlocked.Read(ref _commands);
        public long Statements => Interlocked.Read(ref _statements);
        public long Commits => Interlocked.Read(ref _commits);
        public long BatchCommits => Interlocked.Read(ref _batchCommits);

        public void Reset()
        {
            Interlocked.Exchange(ref _commands, 0);
            Interlocked.Exchange(ref _statements, 0);
            Interlocked.Exchange(ref _commits, 0);
            Interlocked.Exchange(ref _batchCommits, 0);
            _texts.Clear();
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Count(command);
            return base.ReaderExecuting(command, eventData, result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Count(command);
            return base.NonQueryExecuting(command, eventData, result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Count(command);
            return base.ScalarExecuting(command, eventData, result);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref _commits);

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _commits);
            return Task.CompletedTask;
        }

        /// <summary>A write batch or read the store sent past EF (<see cref="DataTelemetry"/>): its round trips and statements.</summary>
        public void Count(Activity batch)
        {
            Interlocked.Add(ref _commands, Convert.ToInt64(batch.GetTagItem(DataTelemetry.RoundTripsTag), System.Globalization.CultureInfo.InvariantCulture));
            Interlocked.Add(ref _statements, Convert.ToInt64(batch.GetTagItem(DataTelemetry.StatementsTag), System.Globalization.CultureInfo.InvariantCulture));
            if (Convert.ToInt64(batch.GetTagItem(DataTelemetry.CommitsTag), System.Globalization.CultureInfo.InvariantCulture) is var commits and > 0)
            {
                Interlocked.Add(ref _commits, commits);
                Interlocked.Add(ref _batchCommits, commits);
            }
            _texts.AddOrUpdate($"-- {batch.OperationName}\n{batch.GetTagItem(DataTelemetry.TextTag)}", 1, (_, count) => count + 1);
        }

        // EF's commands carry their values as parameters, so a semicolon only ends a statement.
        private void Count(DbCommand command)
        {
            Interlocked.Increment(ref _commands);
            _texts.AddOrUpdate(command.CommandText, 1, (_, count) => count + 1);
            Interlocked.Add(ref _statements, command.CommandText.Split(';').Count(s => !string.IsNullOrWhiteSpace(s)));
        }
    }
}
