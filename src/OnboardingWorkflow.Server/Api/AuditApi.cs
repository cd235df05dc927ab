using OnboardingWorkflow.Application.Administration;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>The audit trail for auditors and admins: filtered, paged, newest first; reading it is audited too.</summary>
public static class AuditApi
{
    public const int MaxPageSize = 500;
    public const int DefaultPageSize = 50;

    // Audit events exist only from the product's first day; a date far outside is a typo.
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LatestAhead = TimeSpan.FromDays(366);

    public sealed record AuditItem(long Id, DateTimeOffset At, string Actor, string Action, string EntityType, string EntityId, Guid? CustomerId, string? Detail);

    public sealed record AuditPage(int Total, int Page, int PageSize, IReadOnlyList<AuditItem> Items);

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ReadAsync).WithTags("Audit").RequireAuthorization(Policies.AuditReaders)
            .WithSummary("Audit events, newest first (Auditor, Admin; audited). Filters: actor, action (prefix), entityType and entityId, customerId, "
                + $"from and to (ISO 8601); page (from 1) and pageSize (1..{MaxPageSize}, default {DefaultPageSize}).");
        return api;
    }

    public static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> ReadAsync(ClaimsPrincipal principal, AuditTrail trail, TimeProvider clock,
        string? actor, string? action, string? entityType, string? entityId, string? customerId, string? from, string? to, string? page, string? pageSize,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var latest = clock.GetUtcNow() + LatestAhead;
        var fromTime = Time(nameof(from), from, latest, errors);
        var toTime = Time(nameof(to), to, latest, errors);
        if (fromTime > toTime)
        {
            errors[nameof(from)] = ["must not be after 'to'"];
        }

        Guid? customer = null;
        if (!string.IsNullOrWhiteSpace(customerId))
        {
            customer = Guid.TryParse(customerId, out var id) ? id : null;
            if (customer is null)
            {
                errors[nameof(customerId)] = ["must be a customer id (a GUID)"];
            }
        }

        if (!string.IsNullOrWhiteSpace(entityId) && string.IsNullOrWhiteSpace(entityType))
        {
            errors[nameof(entityId)] = ["needs 'entityType' too: an id names an entity only together with its type"];
        }

        var pageNumber = Number(nameof(page), page, 1, 1, int.MaxValue / MaxPageSize, errors);
        var size = Number(nameof(pageSize), pageSize, DefaultPageSize, 1, MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var filter = new AuditTrail.Filter(Blank(actor), Blank(action), Blank(entityType), Blank(entityId), customer, fromTime, toTime, pageNumber, size);
        var result = await trail.ReadAsync(filter, CurrentUser.From(principal).Name, cancellationToken);
        return TypedResults.Ok(new AuditPage(result.Total, pageNumber, size, result.Items.Select(ToItem).ToList()));
    }

    private static DateTimeOffset? Time(string name, string? value, DateTimeOffset latest, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            errors[name] = ["must be an ISO 8601 timestamp, such as 2026-03-01T00:00:00Z"];
            return null;
        }

        if (time < Earliest || time > latest)
        {
            errors[name] = [$"must be between {Earliest:yyyy-MM-dd} and {latest:yyyy-MM-dd}"];
            return null;
        }

        return time;
    }

    private static int Number(string name, string? value, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors[name] = [$"must be a whole number from {min} to {max}"];
        return fallback;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static AuditItem ToItem(AuditEvent e) => new(e.Id, e.At, e.Actor, e.Action, e.EntityType, e.EntityId, e.CustomerId, e.Detail);
}
