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
        api.MapGet("/reviews", ListAsync).WithTags("Reviews").RequireAuthorization(Policies.CaseReaders)
            .WithSummary("Reviews across the customers the caller may read (sales: their own accounts): status=Running (default)|Completed|Rejected, "
                + "stage=Statements|Assessment|Decision, overdue=true, search (customer name or registration number), page, pageSize 1-100; running ones most urgent first, "
                + "each with its cause (cycle, or the alerts and expired documents that asked for it) and its open task.");
        api.MapPost("/customers/{id:guid}/reviews/statements", SubmitStatementsAsync).WithTags("Reviews").RequireAuthorization(Policies.ReviewStatementWriters)
            .WithSummary("Sends the customer's latest statements ({ currency, years: [...] }) for the running review, which scores them (the account's salesperson or a credit analyst); "
                + "400 invalid_request names the fields at fault, 409 no_review_case when no review is in progress.");
        return api;
    }

    public static async Task<Ok<CustomerReviewsView>> GetAsync(Guid id, string? status, ClaimsPrincipal principal, ReviewQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CustomerAsync(ApiUser.Of(principal), id, status, cancellationToken));

    public static async Task<Ok<OnboardingWorkflow.Application.Cases.Page<ReviewRow>>> ListAsync(string? status, string? stage, bool? overdue, string? search, int? page,
        int? pageSize, ClaimsPrincipal principal, ReviewList reviews, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reviews.ListAsync(ApiUser.Of(principal), new ReviewListQuery
        {
            Status = status ?? nameof(OnboardingWorkflow.Data.Domain.ReviewCaseStatus.Running), Stage = stage, OverdueOnly = overdue == true, Search = search,
            Page = page ?? 1, PageSize = pageSize ?? 25,
        }, cancellationToken));

    public static async Task<Ok<CustomerReviewsView>> SubmitStatementsAsync(Guid id, JsonElement? body, ClaimsPrincipal principal, ReviewStatements statements,
        ReviewQueries queries, CancellationToken cancellationToken)
    {
        var user = ApiUser.Of(principal);
        await statements.SubmitAsync(id, body, user, cancellationToken);
        return TypedResults.Ok(await queries.CustomerAsync(user, id, null, cancellationToken));
    }
}
