using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Credit.EarlyWarning;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>An early-warning alert with its evidence (the figures used, as stored) and whether it was acknowledged.</summary>
public sealed record AlertView(Guid Id, Guid CustomerId, string CustomerName, string Indicator, string Level, string Action, double Value, double Threshold,
    string Direction, DateOnly PeriodStart, DateOnly PeriodEnd, string Explanation, JsonElement Evidence, string PolicyVersion, DateOnly RaisedOn,
    DateTimeOffset RaisedAt, bool ReviewRequested, Guid? HoldId, string Status, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? AcknowledgeComment,
    Guid? ReviewCaseId = null, Guid? ReviewInstanceId = null, bool HoldInForce = false);

/// <summary>Filter and page of the alert list across customers; null members do not filter.</summary>
public sealed record AlertListQuery
{
    /// <summary>open or acknowledged.</summary>
    public string? Status { get; init; }

    /// <summary>An indicator name of the credit library (e.g. OrderVolumeSurge).</summary>
    public string? Indicator { get; init; }

    /// <summary>Warning or Alert.</summary>
    public string? Level { get; init; }

    /// <summary>Customer name (part) or registration number (prefix).</summary>
    public string? Search { get; init; }

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

/// <summary>
/// Reads early-warning alerts for credit managers, auditors and admins, paged and counted in SQL,
/// newest first: one customer's, or everyone's by status. Every read is audited.
/// </summary>
public sealed class AlertQueries(CaseFile cases, CaseAccess access)
{
    public const int MaxPageSize = 100;

    public async Task<Cases.Page<AlertView>> CustomerAsync(CurrentUser user, Guid customerId, int page, int pageSize, CancellationToken cancellationToken)
    {
        Allow(user);
        var rules = new InputRules();
        rules.Paging(page, pageSize, MaxPageSize);
        rules.ThrowIfAny();
        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        var result = await PageAsync(cases.Db.Set<EarlyWarningAlert>().Where(a => a.CustomerId == customer.Id), page, pageSize, cancellationToken);
        access.AuditRead(user, "alerts", nameof(Customer), customer.Id.ToString(), customer.Id);
        await cases.Db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>Every customer's alerts; <paramref name="status"/> "open" or "acknowledged" narrows them.</summary>
    public Task<Cases.Page<AlertView>> ListAsync(CurrentUser user, string? status, int page, int pageSize, CancellationToken cancellationToken) =>
        ListAsync(user, new AlertListQuery { Status = status, Page = page, PageSize = pageSize }, cancellationToken);

    /// <summary>Every customer's alerts, narrowed by status, indicator, level and customer, counted and paged in SQL.</summary>
    public async Task<Cases.Page<AlertView>> ListAsync(CurrentUser user, AlertListQuery query, CancellationToken cancellationToken)
    {
        Allow(user);
        var rules = new InputRules();
        rules.Paging(query.Page, query.PageSize, MaxPageSize);
        var wanted = string.IsNullOrWhiteSpace(query.Status) ? null : rules.Choice<AlertStatus>("status", query.Status);
        var indicator = string.IsNullOrWhiteSpace(query.Indicator) ? null : rules.Choice<Indicator>("indicator", query.Indicator);
        var level = string.IsNullOrWhiteSpace(query.Level) ? null : rules.Choice<AlertLevel>("level", query.Level);
        var search = rules.Text("search", query.Search, 100);
        rules.ThrowIfAny();
        var alerts = cases.Db.Set<EarlyWarningAlert>().AsQueryable();
        if (wanted is { } only)
        {
            alerts = alerts.Where(a => a.Status == only);
        }

        if (indicator is { } i)
        {
            var name = i.ToString();
            alerts = alerts.Where(a => a.Indicator == name);
        }

        if (level is { } l)
        {
            var name = l.ToString();
            alerts = alerts.Where(a => a.Level == name);
        }

        if (search is not null)
        {
            var s = search.ToLower();
            var matching = cases.Db.Set<Customer>().Where(c => c.Name.ToLower().Contains(s) || c.RegistrationNumber.ToLower().StartsWith(s)).Select(c => c.Id);
            alerts = alerts.Where(a => matching.Contains(a.CustomerId));
        }

        var result = await PageAsync(alerts, query.Page, query.PageSize, cancellationToken);
        // The entity id stays the status, as before; the other filters (a search is up to 100 characters) go to the detail.
        var filters = string.Join("; ", new[] { indicator is null ? null : $"indicator {indicator}", level is null ? null : $"level {level}",
            search is null ? null : $"customer {search}" }.Where(f => f is not null));
        cases.Audit(user.Name, "alerts.read", nameof(EarlyWarningAlert), wanted?.ToString() ?? "all", null, filters.Length == 0 ? null : filters);
        await cases.Db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>The levels an alert is stored at (the credit library's levels above normal).</summary>
    private enum AlertLevel
    {
        Warning,
        Alert,
    }

    internal static void Allow(CurrentUser user)
    {
        if (!Policies.Allows(Policies.AlertReaders, user))
        {
            throw AppException.Forbidden("Early-warning alerts are read by credit managers, auditors and admins.");
        }
    }

    private async Task<Cases.Page<AlertView>> PageAsync(IQueryable<EarlyWarningAlert> alerts, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await alerts.CountAsync(cancellationToken);
        var rows = await (from a in alerts.AsNoTracking()
                          join c in cases.Db.Set<Customer>() on a.CustomerId equals c.Id
                          orderby a.RaisedAt descending, a.Id descending
                          select new { Alert = a, c.Name })
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var followUps = await FollowUpsAsync(rows.Select(r => r.Alert).ToList(), cancellationToken);
        return new Cases.Page<AlertView>(rows.Select(r => View(r.Alert, r.Name, followUps)).ToList(), total, page, pageSize);
    }

    /// <summary>
    /// What became of a page's alerts: the review case each requested (the customer's case running
    /// when the alert was raised or opened for it, see <see cref="Reviews.ReviewCauses"/>) and whether
    /// the hold it placed is still in force. Two queries for the page, never one per alert.
    /// </summary>
    private async Task<FollowUps> FollowUpsAsync(IReadOnlyList<EarlyWarningAlert> alerts, CancellationToken cancellationToken)
    {
        var customers = alerts.Where(a => a.ReviewRequested).Select(a => a.CustomerId).Distinct().ToList();
        var reviews = customers.Count == 0
            ? []
            : await cases.Db.Set<ReviewCase>().AsNoTracking().Where(r => customers.Contains(r.CustomerId))
                .Select(r => new Reviews.ReviewWindow(r.Id, r.CustomerId, r.InstanceId, r.DueDate, r.StartedAt, r.DecidedAt)).ToListAsync(cancellationToken);
        var holdIds = alerts.Where(a => a.HoldId is not null).Select(a => a.HoldId!.Value).Distinct().ToList();
        var inForce = holdIds.Count == 0
            ? []
            : await cases.Db.Set<CreditHold>().AsNoTracking().Where(h => holdIds.Contains(h.Id) && h.ReleasedAt == null).Select(h => h.Id).ToListAsync(cancellationToken);
        return new FollowUps(reviews, inForce.ToHashSet());
    }

    internal sealed record FollowUps(IReadOnlyList<Reviews.ReviewWindow> Reviews, IReadOnlySet<Guid> HoldsInForce)
    {
        public static readonly FollowUps None = new([], new HashSet<Guid>());
    }

    internal static AlertView View(EarlyWarningAlert a, string customerName, FollowUps? followUps = null)
    {
        using var evidence = JsonDocument.Parse(a.EvidenceJson);
        var review = a.ReviewRequested && followUps is not null
            ? Reviews.ReviewCauses.CaseOf(followUps.Reviews.Where(r => r.CustomerId == a.CustomerId), a.RaisedAt)
            : null;
        return new AlertView(a.Id, a.CustomerId, customerName, a.Indicator, a.Level, a.Action, a.Value, a.Threshold, a.Direction, a.PeriodStart, a.PeriodEnd,
            a.Explanation, evidence.RootElement.Clone(), a.PolicyVersion, a.RaisedOn, a.RaisedAt, a.ReviewRequested, a.HoldId, a.Status.ToString(), a.AcknowledgedBy,
            a.AcknowledgedAt, a.AcknowledgeComment, review?.Id, review?.InstanceId, a.HoldId is { } hold && followUps?.HoldsInForce.Contains(hold) == true);
    }
}
