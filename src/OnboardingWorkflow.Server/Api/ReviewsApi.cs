using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Application.Reviews;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>A customer's periodic reviews, and the fresh statements Sales sends for the running one.</summary>
public static class ReviewsApi
{
    public static RouteGroupBuilder MapReviewsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{id:guid}/reviews", GetAsync).WithTags("Reviews").RequireAuthorization(Policies.CaseReaders)
            .WithSummary("The customer's periodic reviews, newest cycle first (optionally ?status=Running|Completed|Rejected), and the next review date (the read is audited); 400 invalid_request for an unknown status.");
        api.MapPost("/customers/{id:guid}/reviews/statements", SubmitStatementsAsync).WithTags("Reviews").RequireAuthorization(Policies.ReviewStatementWriters)
            .WithSummary("Sends the customer's latest statements ({ currency, years: [...] }) for the running review, which scores them (the account's salesperson or a credit analyst); "
                + "400 invalid_request names the fields at fault, 409 no_review_case when no review is in progress.");
        return api;
    }

    public static async Task<Ok<CustomerReviewsView>> GetAsync(Guid id, string? status, ClaimsPrincipal principal, ReviewQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CustomerAsync(ApiUser.Of(principal), id, status, cancellationToken));

    public static async Task<Ok<CustomerReviewsView>> SubmitStatementsAsync(Guid id, JsonElement? body, ClaimsPrincipal principal, ReviewStatements statements,
        ReviewQueries queries, CancellationToken cancellationToken)
    {
        var user = ApiUser.Of(principal);
        await statements.SubmitAsync(id, body, user, cancellationToken);
        return TypedResults.Ok(await queries.CustomerAsync(user, id, null, cancellationToken));
    }
}
