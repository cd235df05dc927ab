using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Server.Hosting;

/// <summary>
/// Gauges of the work waiting in the database: open user tasks by candidate group, the e-mail
/// outbox backlog, and thrown messages and signals not yet delivered to every receiver. They are read when a metric reader collects (a Prometheus scrape, an OTLP
/// push), so the figures are cached and the database is asked at most once per
/// <see cref="TelemetryOptions.GaugeRefreshSeconds"/>, in a scope of its own; collections in
/// between, and those while a refresh runs, see the last figures. A failed query is logged and
/// the previous figures stay, so a scrape never fails because of the database.
/// </summary>
public sealed class WorkloadGauges
{
    public const string MeterName = "OnboardingWorkflow.Workload";

    /// <summary>The group tag of open tasks offered to no group (assigned to a person or to candidate users only).</summary>
    public const string NoGroup = "(none)";

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<WorkloadGauges> _logger;
    private readonly long _refreshTicks;
    private readonly Lock _refresh = new();
    private Snapshot _snapshot = Snapshot.Empty;
    private long _takenAt;

    // Groups seen once keep reporting (0 when empty), so a series ends at zero instead of vanishing.
    private readonly HashSet<string> _seenGroups = new(StringComparer.Ordinal);

    public WorkloadGauges(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock, IOptions<TelemetryOptions> options, ILogger<WorkloadGauges> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
        _refreshTicks = options.Value.GaugeRefreshSeconds * 1000L;
        _takenAt = Environment.TickCount64 - _refreshTicks;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("owf.tasks.open", ObserveOpenTasks, "{task}",
            "Open user tasks by candidate group; a task offered to several groups counts in each.");
        meter.CreateObservableGauge("owf.email.outbox.pending", () => Current().Pending, "{message}", "E-mails in the outbox waiting to be sent.");
        meter.CreateObservableGauge("owf.email.outbox.failed", () => Current().Failed, "{message}", "E-mails the outbox gave up on (permanent failure or attempts used up).");
        meter.CreateObservableGauge("owf.email.outbox.oldest_pending.age", () => Current().OldestPendingAge, "s",
            "Age of the oldest e-mail waiting to be sent; 0 when none waits.");
        meter.CreateObservableGauge("owf.workflow.dispatches.pending", () => Current().Dispatches, "{dispatch}",
            "Thrown messages and signals not yet delivered to every receiver.");
        meter.CreateObservableGauge("owf.workflow.dispatches.failing", () => Current().FailingDispatches, "{dispatch}",
            "Thrown messages and signals whose delivery failed at least once and waits for its next try.");
    }

    private IEnumerable<Measurement<long>> ObserveOpenTasks()
    {
        var snapshot = Current();
        foreach (var (group, count) in snapshot.OpenTasksByGroup)
        {
            yield return new Measurement<long>(count, new KeyValuePair<string, object?>("group", group));
        }
    }

    /// <summary>The cached figures, refreshed first when they are older than the refresh interval.</summary>
    internal Snapshot Current()
    {
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _takenAt) < _refreshTicks || !_refresh.TryEnter())
        {
            return Volatile.Read(ref _snapshot);
        }

        try
        {
            if (now - _takenAt >= _refreshTicks)
            {
                Volatile.Write(ref _snapshot, Query());
                Interlocked.Exchange(ref _takenAt, Environment.TickCount64);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "The workload gauges could not be refreshed; the previous figures are reported");
            Interlocked.Exchange(ref _takenAt, Environment.TickCount64);
        }
        finally
        {
            _refresh.Exit();
        }

        return Volatile.Read(ref _snapshot);
    }

    private Snapshot Query()
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var open = nameof(UserTaskStatus.Open);
        var openTasks = db.Set<WorkflowTaskEntity>().AsNoTracking().Where(t => t.Status == open);
        var groups = db.Set<WorkflowTaskCandidateEntity>().AsNoTracking().Where(c => c.Kind == WorkflowTaskCandidateEntity.GroupKind);

        var byGroup = groups.Join(openTasks, c => c.TaskId, t => t.Id, (c, _) => c.Value)
            .GroupBy(group => group)
            .Select(g => new { Group = g.Key, Count = g.LongCount() })
            .ToList();
        var withoutGroup = openTasks.LongCount(t => !groups.Any(c => c.TaskId == t.Id));
        var outbox = db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status != OutboxStatus.Sent)
            .GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.LongCount(), Oldest = g.Min(m => m.CreatedAt) })
            .ToList();
        var dispatches = db.Set<WorkflowDispatchEntity>().AsNoTracking().LongCount();
        var failingDispatches = dispatches == 0 ? 0 : db.Set<WorkflowDispatchEntity>().AsNoTracking().LongCount(d => d.Attempts > 0);

        var counts = new Dictionary<string, long>(StringComparer.Ordinal) { [NoGroup] = withoutGroup };
        foreach (var row in byGroup)
        {
            counts[row.Group] = row.Count;
        }

        lock (_seenGroups)
        {
            _seenGroups.UnionWith(counts.Keys);
            foreach (var group in _seenGroups)
            {
                counts.TryAdd(group, 0);
            }
        }

        var pending = outbox.Find(r => r.Status == OutboxStatus.Pending);
        var age = pending is null ? 0 : Math.Max(0, (_clock.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(pending.Oldest, DateTimeKind.Utc)).TotalSeconds);
        return new Snapshot(counts, pending?.Count ?? 0, outbox.Find(r => r.Status == OutboxStatus.Failed)?.Count ?? 0, age, dispatches, failingDispatches);
    }

    /// <summary>The figures of one refresh.</summary>
    internal sealed record Snapshot(IReadOnlyDictionary<string, long> OpenTasksByGroup, long Pending, long Failed, double OldestPendingAge,
        long Dispatches, long FailingDispatches)
    {
        public static readonly Snapshot Empty = new(new Dictionary<string, long>(), 0, 0, 0, 0, 0);
    }
}
