using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Credit;
using OnboardingWorkflow.Credit.Statements;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>Financial statements in the credit library's format ({ currency, years: [...] }), checked before they are kept.</summary>
public static class FinancialStatementsApi
{
    public sealed record StatementsReceipt(Guid Id, Guid ApplicationId, string Currency, int Years, string SubmittedBy, DateTimeOffset SubmittedAt);

    public static RouteGroupBuilder MapFinancialStatementsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/applications/{id:guid}/financial-statements", SubmitAsync).WithTags("Financial statements")
            .RequireAuthorization(Policies.StatementWriters)
            .WithSummary("Submits statements for scoring: currency and one or more fiscal years (Sales, CreditAnalyst); the latest set is scored.");
        return api;
    }

    public static async Task<Created<StatementsReceipt>> SubmitAsync(Guid id, JsonElement? body, ClaimsPrincipal principal, CaseEvidence evidence,
        CancellationToken cancellationToken)
    {
        var set = await evidence.SubmitStatementsAsync(id, body, ApiUser.Of(principal), cancellationToken);
        var years = JsonDocument.Parse(set.StatementsJson).RootElement.GetProperty("years").GetArrayLength();
        return TypedResults.Created($"/api/applications/{id}/financial-statements/{set.Id}",
            new StatementsReceipt(set.Id, id, set.Currency, years, set.SubmittedBy, set.SubmittedAt));
    }
}
