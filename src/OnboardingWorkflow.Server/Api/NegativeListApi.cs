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
        [StringLength(64)] public string? RegistrationNumber { get; init; }
        [StringLength(300)] public string? Name { get; init; }
        [Required, StringLength(1000, MinimumLength = 1)] public string? Reason { get; init; }
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

    public static async Task<Ok<List<NegativeListItem>>> ListAsync(ClaimsPrincipal principal, OnboardingDbContext db, CaseFile cases, CancellationToken cancellationToken)
    {
        var entries = await db.Set<NegativeListEntry>().AsNoTracking().ToListAsync(cancellationToken);
        cases.Audit(ApiUser.Of(principal).Name, "negative-list.read", "NegativeList", "all", detail: $"{entries.Count} entries");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(entries.OrderByDescending(e => e.AddedAt).Select(ToItem).ToList());
    }

    public static async Task<Results<Created<NegativeListItem>, ProblemHttpResult>> AddAsync(NegativeListRequest? request, ClaimsPrincipal principal,
        OnboardingDbContext db, CaseFile cases, CancellationToken cancellationToken)
    {
        if (RequestValidation.Errors(request) is { } errors)
        {
            return Problems.Invalid(errors);
        }

        var registration = string.IsNullOrWhiteSpace(request!.RegistrationNumber) ? null : request.RegistrationNumber.Trim();
        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        if (registration is null && name is null)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["registrationNumber"] = ["give a registration number, a name, or both"] });
        }

        var user = ApiUser.Of(principal);
        var entry = new NegativeListEntry { Id = Guid.NewGuid(), RegistrationNumber = registration, Name = name, Reason = request.Reason!.Trim(), AddedBy = user.Name, AddedAt = cases.Now };
        db.Set<NegativeListEntry>().Add(entry);
        cases.Audit(user.Name, "negative-list.added", "NegativeList", entry.Id.ToString(), detail: $"{registration ?? name}: {entry.Reason}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/negative-list/{entry.Id}", ToItem(entry));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(Guid id, ClaimsPrincipal principal, OnboardingDbContext db, CaseFile cases,
        CancellationToken cancellationToken)
    {
        var entry = await db.Set<NegativeListEntry>().FindAsync([id], cancellationToken);
        if (entry is null)
        {
            return Problems.NotFound($"Negative-list entry {id}");
        }

        db.Set<NegativeListEntry>().Remove(entry);
        cases.Audit(ApiUser.Of(principal).Name, "negative-list.removed", "NegativeList", id.ToString(), detail: $"{entry.RegistrationNumber ?? entry.Name}: {entry.Reason}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static NegativeListItem ToItem(NegativeListEntry e) => new(e.Id, e.RegistrationNumber, e.Name, e.Reason, e.AddedBy, e.AddedAt);
}
