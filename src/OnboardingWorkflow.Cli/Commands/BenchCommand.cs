using System.Diagnostics;
using System.Globalization;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Cli.Commands;

/// <summary>
/// <c>owf bench</c>: the reference throughput run. N instances of the approval flow, half with
/// amount 500 (one approval) and half with 5000 (two), each task completed as soon as it waits,
/// in memory, one instance at a time; every instance is checked for the expected path. A warm-up
/// run on a separate engine comes first, long enough (about a second) for the JIT to finish
/// optimising the hot paths; <c>--warmup 0</c> measures a cold process. On a store the warm-up is
/// 3,000 instances (about six seconds): after 200, the JIT was still compiling its optimised code
/// while the run was timed, and the same build measured 40 % below its steady state.
/// </summary>
public sealed class BenchCommand : ICliCommand
{
    /// <summary>Instances run before a store run is timed, unless --warmup says otherwise.</summary>
    public const int StoreWarmup = 3_000;

    public string Name => "bench";
    public string Usage => "bench [--n 10000] [--file approval.bpmn] [--warmup 20000] [--store sqlite|postgresql [--connection CS] [--workers 1] [--variables 0] [--show-sql]] (on a store, --warmup defaults to 3000)";
    public string Summary => "Measures engine throughput on the reference approval flow (instances/s, allocated bytes per instance), in memory or on a database.";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        int? n = null, warmup = null;
        var workers = 1;
        var variables = 0;
        var showSql = false;
        string? file = null, store = null, connection = null;
        var reader = new ArgReader(args);
        while (reader.HasMore)
        {
            var arg = reader.Next();
            switch (arg)
            {
                case "--n":
                    n = reader.IntValue(arg, min: 2);
                    break;
                case "--warmup":
                    warmup = reader.IntValue(arg, min: 0);
                    break;
                case "--file":
                    file = reader.Value(arg);
                    break;
                case "--store":
                    store = reader.Value(arg);
                    break;
                case "--connection":
                    connection = reader.Value(arg);
                    break;
                case "--workers":
                    workers = reader.IntValue(arg, min: 1);
                    break;
                case "--variables":
                    variables = reader.IntValue(arg, min: 0, max: StoreBench.MaxVariables);
                    break;
                case "--show-sql":
                    showSql = true;
                    break;
                default:
                    throw new UsageException($"unknown argument '{arg}'");
            }
        }

        file ??= FindReferenceFlow() ?? throw new UsageException("cannot find shared/bench/approval.bpmn next to the repository; pass --file");
        if (!File.Exists(file))
        {
            stderr.WriteLine($"owf bench: the file '{file}' does not exist");
            return ExitCodes.Failed;
        }

        // The reference flow declares no task contracts and completes its tasks without variables,
        // so the engine's default (no variables for a task without a contract) serves it as is.
        var xml = File.ReadAllText(file);
        if (store is null)
        {
            if (connection is not null || workers != 1 || variables != 0 || showSql)
            {
                throw new UsageException("--connection, --workers, --variables and --show-sql go with --store");
            }

            return RunAsync(xml, n ?? 10_000, warmup ?? 20_000, stdout, stderr).GetAwaiter().GetResult();
        }

        var provider = store switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgresql" => DatabaseProvider.PostgreSql,
            _ => throw new UsageException("--store must be sqlite or postgresql"),
        };
        if (provider == DatabaseProvider.PostgreSql && connection is null)
        {
            throw new UsageException("--store postgresql needs --connection to a database the benchmark may fill");
        }

        return RunOnStoreAsync(xml, provider, connection, workers, variables, showSql, n ?? 2_000, warmup ?? StoreWarmup, stdout, stderr).GetAwaiter().GetResult();
    }

    private static async Task<int> RunOnStoreAsync(string xml, DatabaseProvider provider, string? connection, int workers, int variables, bool showSql, int n, int warmup,
        TextWriter stdout, TextWriter stderr)
    {
        var scratch = connection is null ? Directory.CreateTempSubdirectory("owf-bench-") : null;
        try
        {
            DataTelemetry.RecordText = showSql;
            await using var bench = new StoreBench(provider, connection ?? $"Data Source={Path.Combine(scratch!.FullName, "bench.db")}");
            var durability = await bench.PrepareAsync(xml);
            if (warmup > 0)
            {
                await bench.RunAsync(warmup, workers, variables);
            }

            var run = await bench.RunAsync(n, workers, variables);
            var units = (double)run.UnitsOfWork;
            stdout.WriteLine($"store {provider}, {workers} worker(s), {variables} extra variables per instance; durability: {durability}");
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{n} instances in {run.Elapsed.TotalMilliseconds:F0} ms, {run.Completions} task completions, {run.UnitsOfWork} units of work"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n / run.Elapsed.TotalSeconds:F0} instances/s, {units / run.Elapsed.TotalSeconds:F0} units of work/s"));
            // On a shared machine the wall clock is mostly waiting for a core; CPU time per unit of work is not.
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU: {run.ProcessorTime.TotalMilliseconds / units:F2} ms per unit of work in this process ({run.ProcessorTime.TotalMilliseconds / run.Elapsed.TotalMilliseconds:F2} cores busy on average)"));
            // A commit is a round trip of its own, unless its write batch carried it; BEGIN travels with the first command.
            var withBatch = run.BatchCommits > 0 ? string.Create(CultureInfo.InvariantCulture, $", {run.BatchCommits / units:F2} of them with their batch") : "";
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"per unit of work: {run.RoundTrips / units:F1} round trips ({run.Commands / units:F1} commands or batches, {run.Commits / units:F2} commits{withBatch}), {run.Statements / units:F1} SQL statements"));
            if (run.GroupedUnitsOfWork is { } grouped && run.Commits > 0)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"group commit: {grouped} units of work in {run.Commits} commits, {grouped / (double)run.Commits:F2} per commit (each synced before its callers are answered)"));
            }

            // The write turn is SQLite's one writer: held near all the time, it is the limit, not the CPU.
            if (run.TurnHeld is { Groups: > 0 } turn)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"write turn held {(turn.Writing + turn.Committing) / run.Elapsed * 100:F0} % of the wall time: writes {turn.Writing.TotalMilliseconds / units:F2} ms per unit of work, commits {turn.Committing.TotalMilliseconds / turn.Groups:F2} ms each (the log written and synced)"));
            }

            // With one worker, what a start and what a completion each take (with several, their waits for one another are in it).
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wall time per start {run.StartTime.TotalMilliseconds / n:F2} ms, per task completion {run.CompletionTime.TotalMilliseconds / Math.Max(1, run.Completions):F2} ms"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.AllocatedBytes / n} bytes allocated per instance"));
            if (showSql)
            {
                // Where the round trips go: each command text with how often a unit of work sends it.
                foreach (var (text, count) in run.CommandTexts.OrderByDescending(c => c.Value))
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-- {count / units:F2} per unit of work\n{text}"));
                }
            }

            return Verdict(run.Completions, n, run.Failures, stderr);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            scratch?.Delete(recursive: true);
        }
    }

    /// <summary>Every instance must have completed on its branch: one approval for half of them, two for the others.</summary>
    private static int Verdict(int completions, int n, IReadOnlyList<string> failures, TextWriter stderr)
    {
        if (failures.Count == 0 && completions == n / 2 + (n - n / 2) * 2)
        {
            return ExitCodes.Ok;
        }

        foreach (var failure in failures.Take(10))
        {
            stderr.WriteLine(failure);
        }

        stderr.WriteLine($"owf bench: {failures.Count} instance(s) took a wrong path or did not complete; {completions} task completions");
        return ExitCodes.Failed;
    }

    private static async Task<int> RunAsync(string xml, int n, int warmup, TextWriter stdout, TextWriter stderr)
    {
        if (warmup > 0)
        {
            await MeasureAsync(xml, warmup);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (elapsed, completions, failures) = await MeasureAsync(xml, n);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        var rate = n / elapsed.TotalSeconds;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n} instances in {elapsed.TotalMilliseconds:F0} ms, {completions} task completions"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rate:F0} instances/s"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{allocated / n} bytes allocated per instance"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.WorkingSet / (1024 * 1024)} MiB working set"));
        return Verdict(completions, n, failures, stderr);
    }

    private static async Task<(TimeSpan Elapsed, int Completions, List<string> Failures)> MeasureAsync(string xml, int n)
    {
        var store = new InMemoryInstanceStore();
        var engine = new WorkflowEngine(new WorkflowEngineOptions { Instances = store });
        await engine.DeployAsync(xml, "approval.bpmn");
        var completions = 0;
        var failures = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            var amount = i % 2 == 0 ? 500d : 5000d;
            var instance = await engine.StartAsync("approvalBench", new Dictionary<string, object?> { ["amount"] = amount });
            var path = new List<string>(2);
            while (instance.Status == InstanceStatus.Waiting && instance.Bookmarks.Find(b => b.Kind == BookmarkKind.UserTask) is { } task)
            {
                path.Add(task.ElementId);
                instance = await engine.CompleteTaskAsync(task.Id, null, "bench");
                completions++;
            }

            var expected = amount > 1000 ? "approveTier2First,approveTier2Second" : "approveTier1";
            if (instance.Status != InstanceStatus.Completed || string.Join(',', path) != expected)
            {
                failures.Add($"instance {i} (amount {amount}): {instance.Status}, path {string.Join(',', path)}");
            }
        }

        stopwatch.Stop();
        return (stopwatch.Elapsed, completions, failures);
    }

    /// <summary>Looks for shared/bench/approval.bpmn beside the repository, walking up from here.</summary>
    private static string? FindReferenceFlow()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "bench", "approval.bpmn");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
