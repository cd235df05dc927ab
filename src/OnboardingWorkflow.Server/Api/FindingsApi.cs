using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>Due-diligence findings recorded by credit analysts: litigation, administrative penalties, negative-list hits, site-visit notes.</summary>
public static class FindingsApi
{
    public sealed record FindingRequest
    {
        [Required] public string? Kind { get; init; }
        [Required, StringLength(2000, MinimumLength = 1)] public string? Description { get; init; }
        [Range(typeof(decimal), "0", "1000000000000")] public decimal? Amount { get; init; }
        public DateOnly? OccurredOn { get; init; }
    }

    public static RouteGroupBuilder MapFindingsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/applications/{id:guid}/findings", RecordAsync).WithTags("Findings").RequireAuthorization(Policies.Analysts)
            .WithSummary("Records a finding: kind Litigation, AdministrativePenalty, NegativeListHit or SiteVisitNote (CreditAnalyst).");
        return api;
    }

    public static async Task<Results<Created<ApplicationsApi.FindingInfo>, ProblemHttpResult>> RecordAsync(Guid id, FindingRequest? request, ClaimsPrincipal principal,
        OnboardingDbContext db, CaseFile cases, CaseAccess access, CancellationToken cancellationToken)
    {
        if (RequestValidation.Errors(request) is { } errors)
        {
            return Problems.Invalid(errors);
        }

        if (!Enum.TryParse<FindingKind>(request!.Kind, ignoreCase: true, out var kind) || int.TryParse(request.Kind, out _))
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["kind"] = [$"must be one of {string.Join(", ", Enum.GetNames<FindingKind>())}"] });
        }

        var user = ApiUser.Of(principal);
        var application = await access.ApplicationAsync(user, id, cancellationToken);
        CaseRules.EnsureNotMaker(application, user, "record findings on it");

        if (application.Status != ApplicationStatus.InProgress)
        {
            return Problems.Conflict(ErrorCodes.InvalidState, $"The application is {application.Status.ToString().ToLowerInvariant()}.");
        }

        var finding = new DueDiligenceFinding
        {
            Id = Guid.NewGuid(),
            ApplicationId = id,
            Kind = kind,
            Description = request.Description!,
            Amount = request.Amount,
            OccurredOn = request.OccurredOn,
            RecordedBy = user.Name,
            RecordedAt = cases.Now,
        };
        db.Set<DueDiligenceFinding>().Add(finding);
        cases.Audit(user.Name, "finding.recorded", "Application", id.ToString(), application.CustomerId, $"{kind}: {finding.Description}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/applications/{id}/findings/{finding.Id}",
            new ApplicationsApi.FindingInfo(finding.Id, kind.ToString(), finding.Description, finding.Amount, finding.OccurredOn, finding.RecordedBy, finding.RecordedAt));
    }
}
