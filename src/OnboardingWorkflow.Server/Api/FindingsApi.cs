using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>Due-diligence findings recorded by credit analysts: litigation, administrative penalties, negative-list hits, site-visit notes.</summary>
public static class FindingsApi
{
    public sealed record FindingRequest
    {
        public string? Kind { get; init; }
        public string? Description { get; init; }
        public decimal? Amount { get; init; }
        public DateOnly? OccurredOn { get; init; }
    }

    public static RouteGroupBuilder MapFindingsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/applications/{id:guid}/findings", RecordAsync).WithTags("Findings").RequireAuthorization(Policies.Analysts)
            .WithSummary("Records a finding: kind Litigation, AdministrativePenalty, NegativeListHit or SiteVisitNote (CreditAnalyst).");
        return api;
    }

    public static async Task<Results<Created<FindingInfo>, ProblemHttpResult>> RecordAsync(Guid id, FindingRequest? request, ClaimsPrincipal principal,
        CaseEvidence evidence, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required: { \"kind\", \"description\", \"amount\", \"occurredOn\" }."] });
        }

        var finding = await evidence.RecordFindingAsync(new RecordFindingCommand(id, request.Kind, request.Description, request.Amount, request.OccurredOn),
            ApiUser.Of(principal), cancellationToken);
        return TypedResults.Created($"/api/applications/{id}/findings/{finding.Id}",
            CaseViews.Finding(finding));
    }
}
