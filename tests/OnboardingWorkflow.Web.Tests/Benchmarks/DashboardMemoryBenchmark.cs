using System.Globalization;
using System.Net;
using System.Runtime;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit.Abstractions;

namespace OnboardingWorkflow.Web.Tests.Benchmarks;

/// <summary>
/// The dashboard's server memory per connected user (target: under 2 MB). The real server runs in
/// this process, so after a forced full collection its managed heap is measured directly; headless
/// Chromium connects users one by one, each in a context of its own, signed in, with the inbox open
/// and settled (a full page of rows and every count shown) and every fifth user with a task page
/// in a second tab. Users are added in steps (OWF_BENCH_USERS, default 10,25,50) and the heap is
/// measured at each step against the heap with no user. At the end every page leaves the
/// dashboard (its circuit closes) while the browser pages stay open: what remains above the
/// baseline then is the Playwright client's own bookkeeping in this process, not the server's.
/// Run with deploy/scripts/bench-dashboard-memory.sh; results land in
/// .test-output/benchmarks/dashboard-memory.md. OWF_BENCH_HOLD=SECONDS keeps the largest step
/// open that long (and prints the process id) so a heap dump can be taken with dotnet-gcdump.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class DashboardMemoryBenchmark(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>Whose inbox the users open, in turn: a salesperson and two analysts, each with a full page of tasks.</summary>
    private static readonly string[] People = [Users.Sam, Users.Ana, Users.Alan];

    private const int TaskPageEvery = 5;
    private const int PageRows = 25;
    private const double MiB = 1024 * 1024;
    private static readonly TimeSpan CircuitWait = TimeSpan.FromSeconds(120);

    private readonly List<string> _lines = [];

    [BenchmarkFact]
    public async Task Server_memory_per_connected_user()
    {
        var steps = Steps();
        var counter = new CircuitCounter();
        var now = DateTimeOffset.UtcNow;
        await using var server = OnboardingServer.Start(
            clockStart: new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero),
            services: services =>
            {
                services.AddSingleton(counter);
                services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitCounter.Handler>());
            });
        await server.SeedUsersAsync();
        await SeedTasksAsync(server);
        var taskIds = await FirstTaskOfEachAsync(server);

        var users = new List<IBrowserContext>();
        try
        {
            // Warm-up: the first users pay for JIT, MudBlazor's and the localizers' caches and the
            // connection pools; none of that is per user.
            await ConnectAsync(server, users, TaskPageEvery, taskIds, counter);
            await LeaveAsync(users, counter);
            await CloseAsync(users);

            Write($"Dashboard memory per connected user, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, " +
                  $"load average at start {LoadAverage()}, server GC {(GCSettings.IsServerGC ? "server" : "workstation")}");
            Write("");
            Write("| users | circuits | GetTotalMemory (MiB) | HeapSizeBytes (MiB) | per user, total (KiB) | per user, heap (KiB) |");
            Write("|---|---|---|---|---|---|");
            var baseline = await MeasureAsync();
            Row("0", counter.Open, baseline, baseline, 0);
            foreach (var step in steps)
            {
                await ConnectAsync(server, users, step - users.Count, taskIds, counter);
                var measured = await MeasureAsync();
                Row(users.Count.ToString(CultureInfo.InvariantCulture), counter.Open, measured, baseline, users.Count);
                if (step == steps[^1])
                {
                    await HoldForHeapDumpAsync();
                }
            }

            await LeaveAsync(users, counter);
            var left = await MeasureAsync();
            Row($"{users.Count}, pages left the dashboard (control)", counter.Open, left, baseline, users.Count);
            Write("");
            Write($"load average at end {LoadAverage()}");
            Write("");
        }
        finally
        {
            await CloseAsync(users);
            var file = Path.Combine(RepositoryRoot.Combine(".test-output", "benchmarks"), "dashboard-memory.md");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.AppendAllLinesAsync(file, _lines);
        }
    }

    /// <summary>The user counts to measure at, ascending: OWF_BENCH_USERS (comma-separated) or 10, 25, 50.</summary>
    private static int[] Steps() =>
        [.. (Environment.GetEnvironmentVariable("OWF_BENCH_USERS") ?? "10,25,50")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture))
            .Where(n => n > 0)
            .Distinct()
            .Order()];

    /// <summary>
    /// Enough cases that every user's inbox shows a full page: the salesperson's own cases waiting
    /// for documents, and as many past that step waiting for an analyst.
    /// </summary>
    private static async Task SeedTasksAsync(OnboardingServer server)
    {
        var onboarding = new Onboarding(server);
        for (var i = 0; i < PageRows + 2; i++)
        {
            await onboarding.SubmitAsync(Users.Sam, Onboarding.Low, $"Memory Trading {i:D2}");
            var reviewed = await onboarding.SubmitAsync(Users.Sam, Onboarding.Low, $"Memory Review {i:D2}");
            await onboarding.CollectDocumentsAsync(Users.Sam, reviewed, Onboarding.Low);
        }
    }

    /// <summary>For the task page: the first task of each person's inbox, checking that the inbox is full.</summary>
    private static async Task<Dictionary<string, string>> FirstTaskOfEachAsync(OnboardingServer server)
    {
        var ids = new Dictionary<string, string>();
        foreach (var person in People)
        {
            using var client = await server.As(person);
            var response = await client.GetAsync("/api/tasks?pageSize=" + PageRows);
            var tasks = await Http.Json(response, HttpStatusCode.OK);
            Assert.Equal(PageRows, tasks.GetArrayLength());
            ids[person] = tasks[0].GetProperty("id").GetString()!;
        }

        return ids;
    }

    private async Task ConnectAsync(OnboardingServer server, List<IBrowserContext> users, int count, Dictionary<string, string> taskIds, CircuitCounter counter)
    {
        var circuits = counter.Open;
        for (var i = 0; i < count; i++)
        {
            var index = users.Count;
            var person = People[index % People.Length];
            var context = await browser.NewContextAsync(server.BaseAddress);
            users.Add(context);
            await context.SignInWithCookieAsync(person);
            var inbox = await context.NewPageAsync();
            await inbox.GotoAsync("/");
            await Expect(inbox.Locator("[data-testid=inbox-table] tbody tr")).ToHaveCountAsync(PageRows);
            await Expect(inbox.GetByTestId("count-Available")).Not.ToHaveTextAsync("…");
            circuits++;
            if (index % TaskPageEvery == TaskPageEvery - 1)
            {
                var task = await context.NewPageAsync();
                await task.GotoAsync($"/tasks/{Uri.EscapeDataString(taskIds[person])}");
                await Expect(task.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToBeVisibleAsync();
                circuits++;
            }
        }

        await counter.WaitForAsync(circuits, CircuitWait);
    }

    /// <summary>Every page goes to about:blank: the dashboard's script tells the server on the way out, and the circuit closes.</summary>
    private static async Task LeaveAsync(List<IBrowserContext> users, CircuitCounter counter)
    {
        foreach (var page in users.SelectMany(u => u.Pages))
        {
            await page.GotoAsync("about:blank");
        }

        await counter.WaitForAsync(0, CircuitWait);
    }

    private static async Task CloseAsync(List<IBrowserContext> users)
    {
        foreach (var context in users)
        {
            await context.DisposeAsync();
        }

        users.Clear();
    }

    /// <summary>
    /// The managed heap after a full, compacting collection: GetTotalMemory (bytes in live objects)
    /// and HeapSizeBytes (the heap's size after that collection, fragmentation included). A short
    /// pause first lets render batches and their acknowledgements finish.
    /// </summary>
    private static async Task<(long Total, long Heap)> MeasureAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(2));
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var total = GC.GetTotalMemory(forceFullCollection: true);
        return (total, GC.GetGCMemoryInfo().HeapSizeBytes);
    }

    private async Task HoldForHeapDumpAsync()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("OWF_BENCH_HOLD"), CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            Write($"holding {seconds} s for a heap dump: dotnet-gcdump collect -p {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(seconds));
        }
    }

    private void Row(string users, int circuits, (long Total, long Heap) measured, (long Total, long Heap) baseline, int count) =>
        Write(string.Create(CultureInfo.InvariantCulture,
            $"| {users} | {circuits} | {measured.Total / MiB:F1} | {measured.Heap / MiB:F1} | " +
            $"{(count == 0 ? "" : ((measured.Total - baseline.Total) / 1024.0 / count).ToString("F0", CultureInfo.InvariantCulture))} | " +
            $"{(count == 0 ? "" : ((measured.Heap - baseline.Heap) / 1024.0 / count).ToString("F0", CultureInfo.InvariantCulture))} |"));

    private void Write(string line)
    {
        _lines.Add(line);
        output.WriteLine(line);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
