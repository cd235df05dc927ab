using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>Credit holds: every hold in force (collections readers), a customer's holds, a hold placed by hand and the release of one hold by hand.</summary>
public static class CreditHoldsApi
{
    /// <summary>Why the hold is lifted; required, it goes into the audit trail (and the escalation case's, for a case's hold).</summary>
    public sealed record ReleaseBody(string? Reason);

    /// <summary>Why the account is held; required, it goes into the audit trail.</summary>
    public sealed record PlaceBody(string? Reason);

    public static RouteGroupBuilder MapCreditHoldsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/credit-holds", ListAsync).WithTags("Credit holds").RequireAuthorization(Policies.CollectionsReaders)
            .WithSummary("Every credit hold in force, newest first, optionally of one source (Manual, Dunning, EarlyWarning, Review, Collection); paged. "
                + "Credit managers, admins and auditors.");
        api.MapGet("/customers/{id:guid}/holds", CustomerAsync).WithTags("Credit holds").RequireAuthorization(Policies.CaseReaders)
            .WithSummary("The customer's credit holds, in force first, then released ones, with source, case, placing and release (the read is audited).");
        api.MapPost("/customers/{id:guid}/holds", PlaceAsync).WithTags("Credit holds").RequireAuthorization(Policies.HoldPlacers)
            .WithSummary("Puts an active or suspended account on credit hold by hand with a reason (required, at most 2000 characters), audited; new credit "
                + "is blocked until a person releases it. One hold by hand at a time. Credit managers and admins. "
                + "201 with the hold; 400 invalid_request (reason), 404 not_found (customer), 409 invalid_state (not active, or already held by hand).");
        api.MapPost("/customers/{id:guid}/holds/{holdId:guid}/release", ReleaseAsync).WithTags("Credit holds").RequireAuthorization(Policies.HoldReleasers)
            .WithSummary("Releases one credit hold by hand with a reason (required, at most 2000 characters), audited; a hold placed by an overdue escalation "
                + "case is recorded on that case, which goes on without it and does not hold again. Credit managers and admins. "
                + "400 invalid_request (reason), 404 not_found (customer or hold), 409 invalid_state (released already).");
        return api;
    }

    public static async Task<Ok<Page<CreditHoldView>>> ListAsync(string? source, int? page, int? pageSize, ClaimsPrincipal principal, CreditHoldQueries queries,
        CancellationToken cancellationToken)
    {
        CreditHoldSource? parsed = null;
        if (!string.IsNullOrWhiteSpace(source))
        {
            var rules = new InputRules();
            parsed = rules.Choice<CreditHoldSource>("source", source);
            rules.ThrowIfAny();
        }

        return TypedResults.Ok(await queries.InForceAsync(ApiUser.Of(principal), new CreditHoldListQuery(parsed, page ?? 1, pageSize ?? 25), cancellationToken));
    }

    public static async Task<Ok<IReadOnlyList<CreditHoldView>>> CustomerAsync(Guid id, ClaimsPrincipal principal, CreditHoldQueries queries,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CustomerAsync(ApiUser.Of(principal), id, cancellationToken));

    public static async Task<Created<CreditHoldView>> PlaceAsync(Guid id, PlaceBody? body, ClaimsPrincipal principal, HoldPlacement placement,
        CancellationToken cancellationToken)
    {
        var hold = await placement.PlaceAsync(id, new PlaceHoldCommand(body?.Reason), ApiUser.Of(principal), cancellationToken);
        return TypedResults.Created($"/api/customers/{id}/holds", hold);
    }

    public static async Task<Ok<CreditHoldView>> ReleaseAsync(Guid id, Guid holdId, ReleaseBody? body, ClaimsPrincipal principal, HoldRelease release,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await release.ReleaseAsync(id, holdId, new ReleaseHoldCommand(body?.Reason), ApiUser.Of(principal), cancellationToken));
}
