using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>
/// The internal negative list that due-diligence screening checks: credit managers and admins
/// keep it; readers of it are audited, since it is confidential.
/// </summary>
public static class NegativeListApi
{
    public sealed record NegativeListRequest
    {
        public string? RegistrationNumber { get; init; }
        public string? Name { get; init; }
        public string? Reason { get; init; }
    }

    public sealed record NegativeListItem(Guid Id, string? RegistrationNumber, string? Name, string Reason, string AddedBy, DateTimeOffset AddedAt);

    public static RouteGroupBuilder MapNegativeListApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/negative-list").WithTags("Negative list");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.NegativeListReaders)
            .WithSummary("The entries of the internal negative list (credit managers, risk committee, admins, auditors; audited).");
        group.MapPost("/", AddAsync).RequireAuthorization(Policies.NegativeListEditors)
            .WithSummary("Adds an entry by registration number and/or name, with the reason (credit managers, admins).");
        group.MapDelete("/{id:guid}", RemoveAsync).RequireAuthorization(Policies.NegativeListEditors)
            .WithSummary("Removes an entry (credit managers, admins).");
        return api;
    }

    public static async Task<Ok<List<NegativeListItem>>> ListAsync(ClaimsPrincipal principal, NegativeListService list, CancellationToken cancellationToken) =>
        TypedResults.Ok((await list.ListAsync(ApiUser.Of(principal), cancellationToken)).Select(ToItem).ToList());

    public static async Task<Results<Created<NegativeListItem>, ProblemHttpResult>> AddAsync(NegativeListRequest? request, ClaimsPrincipal principal,
        NegativeListService list, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required: { \"registrationNumber\", \"name\", \"reason\" }."] });
        }

        var entry = await list.AddAsync(request.RegistrationNumber, request.Name, request.Reason, ApiUser.Of(principal), cancellationToken);
        return TypedResults.Created($"/api/negative-list/{entry.Id}", ToItem(entry));
    }

    public static async Task<NoContent> RemoveAsync(Guid id, ClaimsPrincipal principal, NegativeListService list, CancellationToken cancellationToken)
    {
        await list.RemoveAsync(id, ApiUser.Of(principal), cancellationToken);
        return TypedResults.NoContent();
    }

    private static NegativeListItem ToItem(NegativeListEntry e) => new(e.Id, e.RegistrationNumber, e.Name, e.Reason, e.AddedBy, e.AddedAt);
}
