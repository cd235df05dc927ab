using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.Reports;

/// <summary>
/// Portfolio and process reports over the whole book. Counts and sums are GROUP BY queries; only
/// the percentiles are computed here, from the two timestamps of each finished task (a projection,
/// never whole rows), because SQLite has no percentile function. Every report returns rows that
/// serve a chart, a table and the CSV export alike.
/// </summary>
public sealed class ReportQueries(OnboardingDbContext db, TimeProvider clock)
{
    /// <summary>The reports the CSV export knows, by the name in its address.</summary>
    public static readonly IReadOnlyList<string> Names = ["portfolio", "funnel", "cycle-times", "approval-turnaround", "rejections", "overdue-tasks", "default-rate"];

    /// <summary>Outcomes that turn a case down.</summary>
    public static readonly IReadOnlyList<DecisionOutcome> Refusals = [DecisionOutcome.Reject, DecisionOutcome.KnockedOut, DecisionOutcome.NegativeList, DecisionOutcome.Duplicate];

    /// <summary>Admitted customers (active or suspended) per grade and tier, with their total limit.</summary>
    public async Task<IReadOnlyList<PortfolioRow>> PortfolioAsync(CancellationToken cancellationToken)
    {
        var rows = await (from p in db.Set<CreditProfile>().AsNoTracking()
                          join c in db.Set<Customer>() on p.CustomerId equals c.Id
                          where c.Status == CustomerStatus.Active || c.Status == CustomerStatus.Suspended
                          group p by new { p.Grade, p.Tier } into g
                          // SQLite stores decimals as text and cannot SUM them; the sum goes through REAL and is rounded back to cents.
                          select new { g.Key.Grade, g.Key.Tier, Count = g.Count(), Total = g.Sum(p => (double)p.CreditLimit) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PortfolioRow(r.Grade, r.Tier, r.Count, Math.Round((decimal)r.Total, 2), null))
            .OrderBy(r => r.Grade, StringComparer.Ordinal).ThenBy(r => r.Tier, StringComparer.Ordinal).ToList();
    }

    /// <summary>Applications per stage and status.</summary>
    public async Task<IReadOnlyList<FunnelRow>> FunnelAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<OnboardingApplication>().AsNoTracking()
            .GroupBy(a => new { a.Stage, a.Status })
            .Select(g => new { g.Key.Stage, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Stage).ThenBy(r => r.Status).Select(r => new FunnelRow(r.Stage.ToString(), r.Status.ToString(), r.Count)).ToList();
    }

    /// <summary>
    /// Cycle time per stage. What is recorded per stage is its user task: the time measured is from
    /// the task's creation (the case arrives at the step) to its completion (the step's decision),
    /// so it is waiting plus working time of that step. Automatic steps (scoring, screening) take no
    /// measurable time and are not listed; cancelled tasks (withdrawn cases, escalations) do not count.
    /// </summary>
    public async Task<IReadOnlyList<DurationRow>> CycleTimesAsync(CancellationToken cancellationToken)
    {
        var completed = nameof(UserTaskStatus.Completed);
        var tasks = await db.Set<WorkflowTaskEntity>().AsNoTracking()
            .Where(t => t.Status == completed && t.EndedAt != null)
            .Select(t => new { t.ProcessKey, t.ElementId, t.Name, t.CreatedAt, EndedAt = t.EndedAt!.Value })
            .ToListAsync(cancellationToken);
        return tasks.GroupBy(t => (t.ProcessKey, t.ElementId))
            .Select(g => Duration(g.Key.ProcessKey, g.Key.ElementId, g.Select(t => t.Name).FirstOrDefault(n => n is not null), g.Select(t => t.EndedAt - t.CreatedAt)))
            .OrderBy(r => r.ProcessKey, StringComparer.Ordinal).ThenBy(r => r.ElementId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Approval turnaround by level: the approval levels are the task elements whose completion
    /// recorded an approve or reject decision; the time is from the task's creation to its completion.
    /// </summary>
    public async Task<IReadOnlyList<DurationRow>> ApprovalTurnaroundAsync(CancellationToken cancellationToken)
    {
        var completed = nameof(UserTaskStatus.Completed);
        var tasks = await (from t in db.Set<WorkflowTaskEntity>().AsNoTracking()
                           where t.Status == completed && t.EndedAt != null
                              && db.Set<CreditDecision>().Any(d => d.TaskId == t.Id && (d.Outcome == DecisionOutcome.Approve || d.Outcome == DecisionOutcome.Reject))
                           select new { t.ProcessKey, t.ElementId, t.Name, t.CreatedAt, EndedAt = t.EndedAt!.Value })
            .ToListAsync(cancellationToken);
        return tasks.GroupBy(t => (t.ProcessKey, t.ElementId))
            .Select(g => Duration(g.Key.ProcessKey, g.Key.ElementId, g.Select(t => t.Name).FirstOrDefault(n => n is not null), g.Select(t => t.EndedAt - t.CreatedAt)))
            .OrderBy(r => r.ProcessKey, StringComparer.Ordinal).ThenBy(r => r.ElementId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Refusing decisions grouped by outcome, step and comment (the stated reason), most frequent first.</summary>
    public async Task<IReadOnlyList<RejectionRow>> RejectionsAsync(CancellationToken cancellationToken)
    {
        var refusals = Refusals.ToList();
        var rows = await db.Set<CreditDecision>().AsNoTracking()
            .Where(d => refusals.Contains(d.Outcome))
            .GroupBy(d => new { d.Outcome, d.ElementId, d.Comment })
            .Select(g => new { g.Key.Outcome, g.Key.ElementId, g.Key.Comment, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new RejectionRow(r.Outcome.ToString(), r.ElementId, r.Comment?.Trim() ?? "", r.Count))
            .OrderByDescending(r => r.Decisions).ThenBy(r => r.Outcome, StringComparer.Ordinal).ThenBy(r => r.Reason, StringComparer.Ordinal).ToList();
    }

    /// <summary>Open tasks past their due date per candidate group (a task offered to two groups counts for each).</summary>
    public async Task<IReadOnlyList<OverdueRow>> OverdueTasksAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = nameof(UserTaskStatus.Open);
        var overdue = db.Set<WorkflowTaskEntity>().AsNoTracking().Where(t => t.Status == open && t.DueDate != null && t.DueDate < now);
        var candidates = db.Set<WorkflowTaskCandidateEntity>().AsNoTracking();
        var grouped = await (from t in overdue
                             join c in candidates on t.Id equals c.TaskId
                             where c.Kind == "group"
                             group t by c.Value into g
                             select new { Group = g.Key, Count = g.Count(), Oldest = g.Min(t => t.DueDate!.Value) })
            .ToListAsync(cancellationToken);
        var ungrouped = await overdue.Where(t => !candidates.Any(c => c.TaskId == t.Id && c.Kind == "group"))
            .GroupBy(t => 1).Select(g => new { Count = g.Count(), Oldest = g.Min(t => t.DueDate!.Value) })
            .ToListAsync(cancellationToken);
        return grouped.Select(g => new OverdueRow(g.Group, g.Count, g.Oldest))
            .Concat(ungrouped.Select(u => new OverdueRow("", u.Count, u.Oldest)))
            .OrderByDescending(r => r.Tasks).ThenBy(r => r.Group, StringComparer.Ordinal).ToList();
    }

    /// <summary>No receivables or payments are recorded yet: the report says so instead of showing zeros.</summary>
    public Task<DefaultRateReport> DefaultRateAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new DefaultRateReport(false, []));

    /// <summary>A report by its export name, as text cells (invariant culture: the CSV is data, not a page).</summary>
    public async Task<ReportTable> TableAsync(string name, CancellationToken cancellationToken)
    {
        static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
        static string H(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
        static string T(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
        static ReportTable Durations(string name, IReadOnlyList<DurationRow> rows) =>
            new(name, ["process", "element", "name", "count", "median_hours", "p90_hours"],
                rows.Select(r => (IReadOnlyList<string>)[r.ProcessKey, r.ElementId, r.ElementName ?? "", I(r.Count), H(r.MedianHours), H(r.P90Hours)]).ToList());

        return name switch
        {
            "portfolio" => new(name, ["grade", "tier", "customers", "total_limit", "utilisation"],
                (await PortfolioAsync(cancellationToken)).Select(r => (IReadOnlyList<string>)[r.Grade, r.Tier, I(r.Customers), N(r.TotalLimit), r.Utilisation is { } u ? N(u) : "no data"]).ToList()),
            "funnel" => new(name, ["stage", "status", "applications"],
                (await FunnelAsync(cancellationToken)).Select(r => (IReadOnlyList<string>)[r.Stage, r.Status, I(r.Applications)]).ToList()),
            "cycle-times" => Durations(name, await CycleTimesAsync(cancellationToken)),
            "approval-turnaround" => Durations(name, await ApprovalTurnaroundAsync(cancellationToken)),
            "rejections" => new(name, ["outcome", "element", "reason", "decisions"],
                (await RejectionsAsync(cancellationToken)).Select(r => (IReadOnlyList<string>)[r.Outcome, r.ElementId, r.Reason, I(r.Decisions)]).ToList()),
            "overdue-tasks" => new(name, ["group", "tasks", "oldest_due"],
                (await OverdueTasksAsync(cancellationToken)).Select(r => (IReadOnlyList<string>)[r.Group, I(r.Tasks), T(r.OldestDue)]).ToList()),
            "default-rate" => (await DefaultRateAsync(cancellationToken)) is { HasData: true } report
                ? new(name, ["grade", "customers", "defaulted", "rate"], report.Rows.Select(r => (IReadOnlyList<string>)[r.Grade, I(r.Customers), I(r.Defaulted), N(r.Rate)]).ToList())
                : new(name, ["grade", "customers", "defaulted", "rate"], [["no data yet", "", "", ""]]),
            _ => throw AppException.NotFound($"Report {name}"),
        };
    }

    private static DurationRow Duration(string processKey, string elementId, string? name, IEnumerable<TimeSpan> durations)
    {
        var hours = durations.Select(d => Math.Max(0, d.TotalHours)).Order().ToList();
        return new DurationRow(processKey, elementId, name, hours.Count, Percentile(hours, 0.5), Percentile(hours, 0.9));
    }

    /// <summary>
    /// The p-th percentile of sorted values with linear interpolation between ranks (as SQL's
    /// PERCENTILE_CONT): the median of an even count is the mean of the two middle values.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
    }
}
