using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>An early-warning alert with its evidence (the figures used, as stored) and whether it was acknowledged.</summary>
public sealed record AlertView(Guid Id, Guid CustomerId, string CustomerName, string Indicator, string Level, string Action, double Value, double Threshold,
    string Direction, DateOnly PeriodStart, DateOnly PeriodEnd, string Explanation, JsonElement Evidence, string PolicyVersion, DateOnly RaisedOn,
    DateTimeOffset RaisedAt, bool ReviewRequested, Guid? HoldId, string Status, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? AcknowledgeComment);

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
    public async Task<Cases.Page<AlertView>> ListAsync(CurrentUser user, string? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        Allow(user);
        var rules = new InputRules();
        rules.Paging(page, pageSize, MaxPageSize);
        var wanted = string.IsNullOrWhiteSpace(status) ? null : rules.Choice<AlertStatus>("status", status);
        rules.ThrowIfAny();
        var alerts = cases.Db.Set<EarlyWarningAlert>().AsQueryable();
        if (wanted is { } only)
        {
            alerts = alerts.Where(a => a.Status == only);
        }

        var result = await PageAsync(alerts, page, pageSize, cancellationToken);
        access.AuditRead(user, "alerts", nameof(EarlyWarningAlert), wanted?.ToString() ?? "all", null);
        await cases.Db.SaveChangesAsync(cancellationToken);
        return result;
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
        return new Cases.Page<AlertView>(rows.Select(r => View(r.Alert, r.Name)).ToList(), total, page, pageSize);
    }

    internal static AlertView View(EarlyWarningAlert a, string customerName)
    {
        using var evidence = JsonDocument.Parse(a.EvidenceJson);
        return new AlertView(a.Id, a.CustomerId, customerName, a.Indicator, a.Level, a.Action, a.Value, a.Threshold, a.Direction, a.PeriodStart, a.PeriodEnd,
            a.Explanation, evidence.RootElement.Clone(), a.PolicyVersion, a.RaisedOn, a.RaisedAt, a.ReviewRequested, a.HoldId, a.Status.ToString(), a.AcknowledgedBy,
            a.AcknowledgedAt, a.AcknowledgeComment);
    }
}
