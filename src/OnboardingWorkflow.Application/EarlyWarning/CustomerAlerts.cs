using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Credit.EarlyWarning;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;

namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>An alert of the customer stored within the repeat window: its indicator and level.</summary>
public sealed record RecentAlert(Guid CustomerId, string Indicator, string Level);

/// <summary>A credit manager who receives alert e-mails, and the language they read.</summary>
public sealed record AlertRecipient(string Address, CultureInfo Culture);

/// <summary>What one customer's evaluation stored and set off.</summary>
public sealed record AlertOutcome(int Raised, bool ReviewRequested, bool HoldPlaced)
{
    public static readonly AlertOutcome None = new(0, false, false);
}

/// <summary>
/// Stores one customer's new alerts of the day with their evidence and carries out what the policy
/// decides for the most severe: notify the credit managers (one e-mail each, in their language,
/// listing the new alerts), request a triggered review (<see cref="IReviewTrigger"/>), put the
/// account on an early-warning credit hold (one in force at a time). An indicator whose level was
/// already alerted within the repeat window raises nothing new, so a lasting condition is told once,
/// and again when it worsens to the alert level. Nothing here saves: the job's batch does.
/// </summary>
public sealed class CustomerAlerts(CaseFile cases, CreditHolds holds, IReviewTrigger reviews, IEmailOutbox outbox)
{
    /// <summary>The readings that make new alerts: above the normal level and not already alerted at that level or higher in the window.</summary>
    public static IReadOnlyList<IndicatorReading> NewReadings(EarlyWarningReport report, IEnumerable<RecentAlert> recent)
    {
        var told = recent.GroupBy(r => r.Indicator).ToDictionary(g => g.Key, g => g.Max(r => Enum.Parse<WarningLevel>(r.Level)), StringComparer.Ordinal);
        return report.Readings
            .Where(r => r.Level > WarningLevel.Normal && r.Value is not null && r.Threshold is not null)
            .Where(r => !told.TryGetValue(r.Indicator.ToString(), out var level) || level < r.Level)
            .ToList();
    }

    public async Task<AlertOutcome> RaiseAsync(CustomerFigures figures, EarlyWarningReport report, IEnumerable<RecentAlert> recent, EarlyWarningRun run,
        EarlyWarningPolicy policy, int periodDays, EarlyWarningBaseline? comparable, IReadOnlyList<AlertRecipient> recipients, CancellationToken cancellationToken)
    {
        if (report.Level == WarningLevel.Normal)
        {
            return AlertOutcome.None;
        }

        var readings = NewReadings(report, recent);
        if (readings.Count == 0)
        {
            return AlertOutcome.None;
        }

        var customerId = figures.CustomerId;
        var alerts = readings.Select(r =>
        {
            var (start, end) = AlertEvidence.Period(r.Indicator, run.AsOf, periodDays, comparable);
            var threshold = policy.Thresholds.First(t => t.Indicator == r.Indicator);
            return new EarlyWarningAlert
            {
                Id = Guid.CreateVersion7(), CustomerId = customerId, Indicator = r.Indicator.ToString(), Level = r.Level.ToString(),
                Action = policy.ActionFor(r)!.Value.ToString(), Value = r.Value!.Value, Threshold = r.Threshold!.Value, Direction = threshold.Direction.ToString(),
                PeriodStart = start, PeriodEnd = end, Explanation = r.Explanation,
                EvidenceJson = AlertEvidence.Figures(r.Indicator, figures, run.AsOf, periodDays, comparable),
                PolicyVersion = $"{policy.PolicyId}@{policy.Version}", RaisedOn = run.AsOf, RaisedAt = cases.Now, RunId = run.Id, Status = AlertStatus.Open,
            };
        }).ToList();
        cases.Db.AddRange(alerts);

        var worst = alerts.MaxBy(a => (Enum.Parse<AlertAction>(a.Action), Enum.Parse<WarningLevel>(a.Level)))!;
        var action = Enum.Parse<AlertAction>(worst.Action);
        var summary = string.Join("; ", alerts.Select(a => $"{a.Indicator} {a.Value.ToString("0.###", CultureInfo.InvariantCulture)} ({a.Level}, threshold {a.Threshold.ToString(CultureInfo.InvariantCulture)})"));
        cases.Audit(CaseFile.System, "early-warning.alert", nameof(Customer), customerId.ToString(), customerId, $"{alerts.Count} alert(s): {summary}");

        var reviewRequested = false;
        if (action >= AlertAction.Review)
        {
            await reviews.StartTriggeredReviewAsync(customerId, $"early warning: {summary}", worst.Id, cancellationToken);
            foreach (var alert in alerts.Where(a => Enum.Parse<AlertAction>(a.Action) >= AlertAction.Review))
            {
                alert.ReviewRequested = true;
            }

            reviewRequested = true;
        }

        var holdPlaced = false;
        if (action == AlertAction.Hold)
        {
            var inForce = await cases.Db.Set<CreditHold>()
                .FirstOrDefaultAsync(h => h.CustomerId == customerId && h.Source == CreditHoldSource.EarlyWarning && h.ReleasedAt == null, cancellationToken);
            var hold = inForce ?? await holds.PlaceAsync(customerId, CreditHoldSource.EarlyWarning, worst.Id, $"early warning: {summary}", CaseFile.System, cancellationToken);
            worst.HoldId = hold.Id;
            holdPlaced = inForce is null;
        }

        await NotifyAsync(customerId, alerts, reviewRequested, holdPlaced, run.AsOf, recipients, cancellationToken);
        return new AlertOutcome(alerts.Count, reviewRequested, holdPlaced);
    }

    private async Task NotifyAsync(Guid customerId, IReadOnlyList<EarlyWarningAlert> alerts, bool reviewRequested, bool holdPlaced, DateOnly asOf,
        IReadOnlyList<AlertRecipient> recipients, CancellationToken cancellationToken)
    {
        if (recipients.Count == 0)
        {
            return;
        }

        var customer = await cases.CustomerAsync(customerId, cancellationToken);
        foreach (var recipient in recipients)
        {
            var culture = recipient.Culture;
            var model = new AlertMailModel(customer.Name, customer.RegistrationNumber, asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                alerts.Select(a => new AlertMailLine(a.Indicator, a.Level, a.Value.ToString("0.###", culture), a.Threshold.ToString("0.###", culture), a.Action,
                    a.Explanation)).ToList(),
                reviewRequested, holdPlaced);
            var (subject, body) = AlertMail.Render(culture, model);
            outbox.Enqueue(new EmailMessage([recipient.Address], subject, body, Category: AlertMail.Category, CorrelationId: customerId.ToString()));
        }
    }
}
