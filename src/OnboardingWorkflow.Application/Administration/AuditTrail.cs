using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Administration;

/// <summary>
/// Reads the audit trail page by page, newest first, filtering, counting and paging in SQL. Every
/// read is itself an audit event, since the trail shows who looked at what.
/// </summary>
public sealed class AuditTrail(CaseFile cases)
{
    /// <summary>What to read; null filters match everything. <see cref="ActionPrefix"/> matches the start of the action.</summary>
    public sealed record Filter(string? Actor, string? ActionPrefix, string? EntityType, string? EntityId, Guid? CustomerId,
        DateTimeOffset? From, DateTimeOffset? To, int Page, int PageSize);

    public sealed record Page(int Total, IReadOnlyList<AuditEvent> Items);

    public async Task<Page> ReadAsync(Filter filter, string reader, CancellationToken cancellationToken)
    {
        var query = cases.Db.Set<AuditEvent>().AsNoTracking();
        if (filter.Actor is { } actor)
        {
            query = query.Where(e => e.Actor == actor);
        }

        if (filter.ActionPrefix is { } action)
        {
            query = query.Where(e => e.Action.StartsWith(action));
        }

        if (filter.EntityType is { } entityType)
        {
            query = query.Where(e => e.EntityType == entityType);
        }

        if (filter.EntityId is { } entityId)
        {
            query = query.Where(e => e.EntityId == entityId);
        }

        if (filter.CustomerId is { } customerId)
        {
            query = query.Where(e => e.CustomerId == customerId);
        }

        // Times are stored as UTC ticks: compare in UTC so the order in SQL is the order in time.
        if (filter.From?.ToUniversalTime() is { } from)
        {
            query = query.Where(e => e.At >= from);
        }

        if (filter.To?.ToUniversalTime() is { } to)
        {
            query = query.Where(e => e.At <= to);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(cancellationToken);

        cases.Audit(reader, "audit.read", "AuditTrail", "all", detail: $"{Describe(filter)}: {items.Count} of {total}");
        await cases.Db.SaveChangesAsync(cancellationToken);
        return new Page(total, items);
    }

    private static string Describe(Filter f) => string.Join(", ", new (string Name, object? Value)[]
        {
            ("actor", f.Actor), ("action", f.ActionPrefix), ("entityType", f.EntityType), ("entityId", f.EntityId), ("customerId", f.CustomerId),
            ("from", f.From?.ToString("O")), ("to", f.To?.ToString("O")), ("page", f.Page), ("pageSize", f.PageSize),
        }.Where(p => p.Value is not null).Select(p => $"{p.Name}={p.Value}"));
}
