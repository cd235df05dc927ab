using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>Onboarding applications: submit (Sales), list and read (case readers), withdraw (the maker or a credit manager).</summary>
public static class ApplicationsApi
{
    public sealed record WithdrawRequest(string? Reason);

    public static RouteGroupBuilder MapApplicationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/applications").WithTags("Applications");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Sales)
            .WithSummary("Submits an application for a customer and starts the onboarding flow (Sales).");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.CaseReaders)
            .WithSummary("Lists applications; sales staff see their own.");
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.CaseReaders)
            .WithSummary("Status, stage, documents, findings, score with explanation, limits, decisions and waiting tasks (the read is audited).");
        group.MapPost("/{id:guid}/withdraw", WithdrawAsync).RequireAuthorization(Policies.CaseReaders)
            .WithSummary("Withdraws an open application before its final decision: its maker or a credit manager. Body: {\"reason\": \"...\"} (required). Ends the workflow instance.");
        return api;
    }

    /// <summary>The body is the use case's command: <see cref="ApplicationSubmission"/> checks every field of it.</summary>
    public static async Task<Results<Created<ApplicationDetail>, ProblemHttpResult>> CreateAsync(SubmitApplicationCommand? request, ClaimsPrincipal principal,
        ApplicationSubmission submission, CaseQueries queries, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] });
        }

        var application = await submission.SubmitAsync(request, ApiUser.Of(principal), cancellationToken);
        var detail = await queries.DetailAsync(application, cancellationToken);
        return TypedResults.Created($"/api/applications/{application.Id}", detail);
    }

    public static async Task<Results<Ok<List<ApplicationSummary>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal principal, CaseQueries queries, HttpResponse response,
        string? status, string? stage, string? maker, DateOnly? from, DateOnly? to, string? search, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var statusFilter = ParseOrNull<ApplicationStatus>(status, "status", errors);
        var stageFilter = ParseOrNull<ApplicationStage>(stage, "stage", errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var result = await queries.ApplicationsAsync(ApiUser.Of(principal), new ApplicationListQuery
        {
            Status = statusFilter, Stage = stageFilter, Maker = maker, From = from, To = to, Search = search,
            Page = page ?? 1, PageSize = pageSize ?? CaseQueries.MaxPageSize,
        }, cancellationToken);
        response.Headers["X-Total-Count"] = result.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(result.Items.ToList());
    }

    public static async Task<Ok<ApplicationDetail>> GetAsync(Guid id, ClaimsPrincipal principal, CaseQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ApplicationAsync(ApiUser.Of(principal), id, cancellationToken));

    /// <summary>Who may withdraw is the use case's rule (<see cref="ApplicationWithdrawal"/>); the policy only keeps out those who read no cases.</summary>
    public static async Task<Ok<ApplicationDetail>> WithdrawAsync(Guid id, WithdrawRequest? request, ClaimsPrincipal principal, ApplicationWithdrawal withdrawal,
        CaseQueries queries, CancellationToken cancellationToken)
    {
        var application = await withdrawal.WithdrawAsync(id, request?.Reason, ApiUser.Of(principal), cancellationToken);
        return TypedResults.Ok(await queries.DetailAsync(application, cancellationToken));
    }

    private static T? ParseOrNull<T>(string? value, string field, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !value.Trim().All(c => char.IsDigit(c) || c == '-'))
        {
            return parsed;
        }

        errors[field] = [$"must be one of {string.Join(", ", Enum.GetNames<T>())}"];
        return null;
    }
}
