using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Application.Common;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Cli.Commands.Inbox;

/// <summary>
/// <c>owf bench-inbox</c>: the task inbox at scale. Seeds an empty database (<see cref="InboxSeeder"/>,
/// reused when it holds tasks already), then times, for a typical analyst, the inbox's first page
/// (default filter and sort, total included, as <see cref="TaskInbox.QueryAsync"/> answers it),
/// each filter's count and first page; then the first page and counts of a user who is a candidate by
/// name and in three groups, and of an auditor (every open task); each in a fresh unit of work; p50/p95/max over <c>--runs</c> after
/// <c>--warmup</c>. "before" is the task list's earlier pattern: the engine store's query (up to 500
/// tasks) and every claim loaded into memory. <c>--explain</c> prints the query plans of the first
/// page, the counts, a search and the sorts by case data.
/// </summary>
public sealed class BenchInboxCommand : ICliCommand
{
    public string Name => "bench-inbox";
    public string Usage => "bench-inbox --provider sqlite|postgresql --connection CS [--open 100000] [--completed 1000000] [--runs 200] [--warmup 20] [--explain]";
    public string Summary => "Seeds a large task inbox and measures its first page and filter counts (p50/p95).";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? provider = null, connection = null;
        int open = 100_000, completed = 1_000_000, runs = 200, warmup = 20;
        var explain = false;
        var reader = new ArgReader(args);
        while (reader.HasMore)
        {
            var arg = reader.Next();
            switch (arg)
            {
                case "--provider":
                    provider = reader.Value(arg);
                    break;
                case "--connection":
                    connection = reader.Value(arg);
                    break;
                case "--open":
                    open = reader.IntValue(arg, min: 10);
                    break;
                case "--completed":
                    completed = reader.IntValue(arg, min: 0);
                    break;
                case "--runs":
                    runs = reader.IntValue(arg, min: 1);
                    break;
                case "--warmup":
                    warmup = reader.IntValue(arg, min: 0);
                    break;
                case "--explain":
                    explain = true;
                    break;
                default:
                    throw new UsageException($"unknown argument '{arg}'");
            }
        }

        if (provider is not ("sqlite" or "postgresql"))
        {
            throw new UsageException("--provider must be sqlite or postgresql");
        }

        if (connection is null)
        {
            throw new UsageException("--connection is required");
        }

        return RunAsync(provider, connection, open, completed, runs, warmup, explain, stdout).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string provider, string connection, int open, int completed, int runs, int warmup, bool explain, TextWriter stdout)
    {
        var services = new ServiceCollection();
        services.AddOnboardingData(new DatabaseOptions { Provider = provider == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql, ConnectionString = connection });
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<IEmailOutbox, EfEmailOutbox>();
        services.AddScoped<CaseFile>();
        services.AddScoped<CaseAccess>();
        services.AddScoped<TaskInbox>();
        var capture = new CommandCapture();
        _ = provider == "sqlite"
            ? services.ConfigureDbContext<SqliteOnboardingDbContext>(o => o.AddInterceptors(capture))
            : services.ConfigureDbContext<PostgreSqlOnboardingDbContext>(o => o.AddInterceptors(capture));
        await using var root = services.BuildServiceProvider();

        var now = TimeProvider.System.GetUtcNow();
        await using (var scope = root.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
            var upgrading = (await db.Database.GetPendingMigrationsAsync()).Any() && (await db.Database.GetAppliedMigrationsAsync()).Any();
            await DatabaseInitializer.MigrateAsync(db);
            var existing = await db.Set<WorkflowTaskEntity>().CountAsync();
            if (upgrading && existing > 0)
            {
                // New indexes and tables have no statistics yet; a database in use would have them.
                stdout.WriteLine("migrated the existing database; analysing it");
                await db.Database.ExecuteSqlRawAsync(provider == "sqlite" ? "ANALYZE" : "VACUUM ANALYZE");
            }

            if (existing == 0)
            {
                stdout.WriteLine($"seeding {provider}: {open} open, {completed} completed tasks");
                var seeding = Stopwatch.StartNew();
                await new InboxSeeder(provider, connection, now).SeedAsync(open, completed, stdout);
                // What a database in use has: statistics, and on PostgreSQL a visibility map (index-only scans).
                await db.Database.ExecuteSqlRawAsync(provider == "sqlite" ? "ANALYZE" : "VACUUM ANALYZE");
                if (provider == "sqlite")
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
                }

                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded in {seeding.Elapsed.TotalSeconds:F1} s"));
            }
            else
            {
                stdout.WriteLine($"reusing the {existing} tasks in the database");
            }
        }

        var analyst = new CurrentUser(InboxSeeder.Analyst(7), [Roles.CreditAnalyst]);
        var senior = new CurrentUser(InboxSeeder.Analyst(8), [Roles.CreditAnalyst, Roles.CreditManager, Roles.RiskCommittee]);
        var auditor = new CurrentUser("auditor01", [Roles.Auditor]);
        var defaults = InboxQuery.Create();
        if (explain)
        {
            await ExplainAsync(root, provider, analyst, senior, auditor, defaults, capture, stdout);
        }

        // Every filter's page and count of each user run warm-up times before anything is timed: the
        // JIT compiles and re-compiles (tiers up) in the background, so the first measure would
        // otherwise pay, in CPU and on a busy machine in time, for the code all of them share.
        for (var i = 0; i < warmup; i++)
        {
            foreach (var user in new[] { analyst, senior, auditor })
            {
                foreach (var filter in Enum.GetValues<InboxFilter>())
                {
                    await using var scope = root.CreateAsyncScope();
                    var inbox = scope.ServiceProvider.GetRequiredService<TaskInbox>();
                    await inbox.QueryAsync(user, InboxQuery.Create(filter), CancellationToken.None);
                    await inbox.CountAsync(user, filter, null, CancellationToken.None);
                }
            }
        }

        stdout.WriteLine($"user {analyst.Name} ({string.Join(", ", analyst.Roles)}); {runs} runs after {warmup} warm-up runs (and {warmup} of every filter's page and count first); milliseconds");
        // Wall time is what a user waits; on a shared machine it is mostly waiting for a core. This
        // process's CPU time is the work itself (for SQLite, in-process, all of it; for PostgreSQL
        // the server's share is not in it), the better guide to an idle machine.
        stdout.WriteLine($"load average at start: {LoadAverage()}");
        stdout.WriteLine("| measure | wall p50 | wall p95 | wall max | cpu p50 | cpu p95 | result |");
        stdout.WriteLine("|---|---|---|---|---|---|---|");
        await MeasureAsync(root, "first page (Available, DueDate)", runs, warmup, stdout, async inbox =>
        {
            var page = await inbox.QueryAsync(analyst, defaults, CancellationToken.None);
            return $"{page.Items.Count} of {page.Total}";
        });
        foreach (var filter in Enum.GetValues<InboxFilter>())
        {
            await MeasureAsync(root, $"count {filter}", runs, warmup, stdout, async inbox =>
                (await inbox.CountAsync(analyst, filter, null, CancellationToken.None)).ToString(CultureInfo.InvariantCulture));
        }

        foreach (var filter in Enum.GetValues<InboxFilter>().Where(f => f != InboxFilter.Available))
        {
            await MeasureAsync(root, $"first page {filter}", runs, warmup, stdout, async inbox =>
            {
                var page = await inbox.QueryAsync(analyst, InboxQuery.Create(filter), CancellationToken.None);
                return $"{page.Items.Count} of {page.Total}";
            });
        }

        // A candidate by name (on about 125 tasks) who is in every credit group: the most ranges to merge.
        stdout.WriteLine($"| *user {senior.Name} ({string.Join(", ", senior.Roles)})* | | | | | | |");
        await MeasureAsync(root, "first page (Available, DueDate)", runs, warmup, stdout, async inbox =>
        {
            var page = await inbox.QueryAsync(senior, defaults, CancellationToken.None);
            return $"{page.Items.Count} of {page.Total}";
        });
        foreach (var filter in Enum.GetValues<InboxFilter>())
        {
            await MeasureAsync(root, $"count {filter}", runs, warmup, stdout, async inbox =>
                (await inbox.CountAsync(senior, filter, null, CancellationToken.None)).ToString(CultureInfo.InvariantCulture));
        }

        stdout.WriteLine($"| *user {auditor.Name} ({string.Join(", ", auditor.Roles)}): every open task* | | | | | | |");
        await MeasureAsync(root, "first page (Available, DueDate)", runs, warmup, stdout, async inbox =>
        {
            var page = await inbox.QueryAsync(auditor, defaults, CancellationToken.None);
            return $"{page.Items.Count} of {page.Total}";
        });
        foreach (var filter in new[] { InboxFilter.Available, InboxFilter.Unclaimed, InboxFilter.Overdue })
        {
            await MeasureAsync(root, $"count {filter}", runs, warmup, stdout, async inbox =>
                (await inbox.CountAsync(auditor, filter, null, CancellationToken.None)).ToString(CultureInfo.InvariantCulture));
        }

        stdout.WriteLine($"| *user {analyst.Name} ({string.Join(", ", analyst.Roles)})* | | | | | | |");
        // "acme" is a broad search (a word of 8 % of the customers); the other two find 640 and 100.
        foreach (var search in new[] { "acme", "acme north", "9100000000000123" })
        {
            await MeasureAsync(root, $"search \"{search}\", first page", runs, warmup, stdout, async inbox =>
            {
                var page = await inbox.QueryAsync(analyst, InboxQuery.Create(search: search), CancellationToken.None);
                return $"{page.Items.Count} of {page.Total}";
            });
        }

        await MeasureAsync(root, "search \"acme\", every count", runs, warmup, stdout, async inbox =>
        {
            var counts = await inbox.CountAsync(analyst, "acme", CancellationToken.None);
            return counts.Available.ToString(CultureInfo.InvariantCulture);
        });
        foreach (var sort in new[] { InboxSort.Created, InboxSort.RequestedAmount, InboxSort.Customer })
        {
            await MeasureAsync(root, $"first page sorted by {sort}", runs, warmup, stdout, async inbox =>
            {
                var page = await inbox.QueryAsync(analyst, InboxQuery.Create(sort: sort), CancellationToken.None);
                return $"{page.Items.Count} of {page.Total}";
            });
        }

        // The earlier pattern is slow: a handful of runs says enough.
        await MeasureAsync(root, "before: engine query (500) + all claims", Math.Min(runs, 10), Math.Min(warmup, 2), stdout, (inbox, db) => BeforeAsync(db, analyst));
        stdout.WriteLine($"load average at end: {LoadAverage()}");
        return ExitCodes.Ok;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The task list before the inbox: EfInstanceStore.QueryTasksAsync as it was (nulls-last by expression, 500 rows) and every claim.</summary>
    private static async Task<string> BeforeAsync(OnboardingDbContext db, CurrentUser user)
    {
        var claims = await db.Set<TaskClaim>().AsNoTracking().ToDictionaryAsync(c => c.TaskId, c => c.UserName);
        var candidates = db.Set<WorkflowTaskCandidateEntity>();
        var name = user.Name;
        var groups = user.Roles.ToList();
        var rows = await db.Set<WorkflowTaskEntity>().AsNoTracking()
            .Where(t => t.Status == "Open")
            .Where(t => t.Assignee == name
                || (t.Assignee == null && candidates.Any(c => c.TaskId == t.Id && c.Kind == "user" && c.Value == name))
                || (t.Assignee == null && candidates.Any(c => c.TaskId == t.Id && c.Kind == "group" && groups.Contains(c.Value))))
            .OrderBy(t => t.DueDate == null).ThenBy(t => t.DueDate).ThenByDescending(t => t.Priority).ThenBy(t => t.CreatedAt)
            .Take(500).Include(t => t.Candidates).ToListAsync();
        return $"{rows.Count} tasks, {claims.Count} claims";
    }

    private static Task MeasureAsync(IServiceProvider services, string name, int runs, int warmup, TextWriter stdout, Func<TaskInbox, Task<string>> run) =>
        MeasureAsync(services, name, runs, warmup, stdout, (inbox, _) => run(inbox));

    private static async Task MeasureAsync(IServiceProvider services, string name, int runs, int warmup, TextWriter stdout, Func<TaskInbox, OnboardingDbContext, Task<string>> run)
    {
        var times = new List<double>(runs);
        var cpu = new List<double>(runs);
        var result = "";
        for (var i = 0; i < warmup + runs; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var watch = Stopwatch.StartNew();
            result = await run(scope.ServiceProvider.GetRequiredService<TaskInbox>(), scope.ServiceProvider.GetRequiredService<OnboardingDbContext>());
            if (i >= warmup)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
                cpu.Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds);
            }
        }

        times.Sort();
        cpu.Sort();
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Percentile(times, 0.50):F1} | {Percentile(times, 0.95):F1} | {times[^1]:F1} | {Percentile(cpu, 0.50):F1} | {Percentile(cpu, 0.95):F1} | {result} |"));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task ExplainAsync(IServiceProvider services, string provider, CurrentUser user, CurrentUser senior, CurrentUser auditor, InboxQuery query,
        CommandCapture capture, TextWriter stdout)
    {
        capture.Commands.Clear();
        capture.Enabled = true;
        await using (var scope = services.CreateAsyncScope())
        {
            var inbox = scope.ServiceProvider.GetRequiredService<TaskInbox>();
            // The ranges' statements are sent by the inbox itself (one per range, or per key), not by EF.
            inbox.Sent = (text, parameters) => capture.Add(text, parameters);
            await inbox.QueryAsync(user, query, CancellationToken.None);
            await inbox.CountAsync(user, null, CancellationToken.None);
            await inbox.QueryAsync(user, query with { Search = "acme" }, CancellationToken.None);
            await inbox.QueryAsync(user, query with { Sort = InboxSort.RequestedAmount }, CancellationToken.None);
            await inbox.QueryAsync(user, query with { Sort = InboxSort.Customer, Descending = true }, CancellationToken.None);
            await inbox.QueryAsync(user, query with { Filter = InboxFilter.MyGroups }, CancellationToken.None);
            await inbox.QueryAsync(senior, query, CancellationToken.None);
            await inbox.CountAsync(auditor, InboxFilter.Available, null, CancellationToken.None);
            await inbox.CountAsync(auditor, InboxFilter.Unclaimed, null, CancellationToken.None);
        }

        capture.Enabled = false;
        await using var explainScope = services.CreateAsyncScope();
        var db = explainScope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        await db.Database.OpenConnectionAsync();
        var queries = capture.Commands.Where(c => c.Text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            || c.Text.TrimStart().StartsWith("WITH", StringComparison.OrdinalIgnoreCase)).ToList();
        for (var i = 0; i < queries.Count; i++)
        {
            var (text, parameters) = queries[i];

            // A range of many keys is the same statement sent once per key: its plan is shown for the first key.
            var repeats = 0;
            while (i + 1 < queries.Count && queries[i + 1].Text == text)
            {
                repeats++;
                i++;
            }

            stdout.WriteLine("-- " + text.Replace('\n', ' ') + (repeats > 0 ? $"  -- sent {repeats + 1} times, once per key; the plan for the first" : ""));
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = (provider == "sqlite" ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ") + text;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            await using var result = await command.ExecuteReaderAsync();
            while (await result.ReadAsync())
            {
                stdout.WriteLine("   " + (provider == "sqlite" ? result.GetString(3) : result.GetString(0)));
            }
        }
    }

    /// <summary>Keeps the text and parameters of the commands EF sends while enabled, to explain them as sent.</summary>
    private sealed class CommandCapture : DbCommandInterceptor
    {
        public bool Enabled { get; set; }

        public List<(string Text, List<(string Name, object Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Add(command.CommandText, command.Parameters.Cast<DbParameter>());
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public void Add(string text, IEnumerable<DbParameter> parameters)
        {
            if (Enabled)
            {
                Commands.Add((text, parameters.Select(p => (p.ParameterName, p.Value ?? DBNull.Value)).ToList()));
            }
        }
    }
}
