namespace OnboardingWorkflow.Application.Reports;

/// <summary>
/// Customers admitted per grade and tier. <see cref="Utilisation"/> is exposure / limit; there are no
/// receivables yet, so it is null ("no data"), never an invented number.
/// </summary>
public sealed record PortfolioRow(string Grade, string Tier, int Customers, decimal TotalLimit, decimal? Utilisation);

/// <summary>Applications per stage and status.</summary>
public sealed record FunnelRow(string Stage, string Status, int Applications);

/// <summary>How long a step took: count, median and 90th percentile in hours.</summary>
public sealed record DurationRow(string ProcessKey, string ElementId, string? ElementName, int Count, double MedianHours, double P90Hours);

/// <summary>Decisions that turned a case down, grouped by outcome, step and stated reason.</summary>
public sealed record RejectionRow(string Outcome, string ElementId, string Reason, int Decisions);

/// <summary>Open tasks past their due date per candidate group; <see cref="Group"/> is empty for tasks offered to no group.</summary>
public sealed record OverdueRow(string Group, int Tasks, DateTimeOffset OldestDue);

/// <summary>
/// Later default or overdue rate of admitted customers by grade. There are no receivables or
/// payment records yet, so <see cref="HasData"/> is false and the page shows "no data yet".
/// </summary>
public sealed record DefaultRateReport(bool HasData, IReadOnlyList<DefaultRateRow> Rows);

/// <summary>One grade's admitted customers and how many later defaulted or fell overdue.</summary>
public sealed record DefaultRateRow(string Grade, int Customers, int Defaulted, decimal Rate);

/// <summary>A report's rows as text cells for the CSV export: a header line then one line per row.</summary>
public sealed record ReportTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);
