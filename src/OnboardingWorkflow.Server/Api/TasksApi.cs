using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>The task inbox (paged, counted, saved filters) and the actions on tasks: claim, unclaim, delegate, dates, complete.</summary>
public static class TasksApi
{
    public sealed record CompleteRequest(string? Decision, string? Comment, JsonElement? Variables);

    public sealed record CompleteResponse(string TaskId, Guid InstanceId, string InstanceStatus, IReadOnlyList<string> WaitingElements);

    public sealed record ClaimResponse(string TaskId, string ClaimedBy, DateTimeOffset ClaimedAt);

    public sealed record DelegateRequest(string? User);

    public sealed record DatesRequest(DateTimeOffset? Due, DateTimeOffset? FollowUp);

    /// <summary>A saved filter: the inbox's query-string parameters under a name.</summary>
    public sealed record FilterRequest(string? Name, string? Filter, string? Group, string? Search, string? Sort, bool? Desc, int? PageSize);

    public sealed record FilterResponse(Guid Id, string Name, string Filter, string? Group, string? Search, string Sort, bool Desc, int PageSize, DateTimeOffset CreatedAt);

    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("Tasks");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.TaskReaders)
            .WithSummary("The task inbox, one page as a JSON array; the filter's total in X-Total-Count. filter=Available (default: what I may take)|Mine|MyGroups|Unclaimed|Overdue|DueToday|FollowUp, "
                + "group=ROLE, search=words that start words of the customer name (or text inside a Chinese name), or the start of the registration number, ignoring case, sort=DueDate|Created|Priority|RequestedAmount|Customer, desc, page (1-based), pageSize (1-100, 25). "
                + "Older parameters: mine=true (filter=Mine), overdue=true (only overdue tasks of the filter). Auditors see every open task; sales only their own cases.");
        group.MapGet("/counts", CountsAsync).RequireAuthorization(Policies.TaskReaders)
            .WithSummary("How many open tasks each inbox filter holds, for the same user and search.");
        group.MapGet("/filters", ListFiltersAsync).RequireAuthorization(Policies.TaskReaders)
            .WithSummary("My saved inbox filters.");
        group.MapPost("/filters", SaveFilterAsync).RequireAuthorization(Policies.TaskReaders)
            .WithSummary("Saves an inbox filter under a name (at most 60 characters; 20 per user); the same name replaces it.");
        group.MapDelete("/filters/{id:guid}", DeleteFilterAsync).RequireAuthorization(Policies.TaskReaders)
            .WithSummary("Deletes one of my saved filters.");
        group.MapPost("/{id}/claim", ClaimAsync).RequireAuthorization(Policies.TaskWorkers)
            .WithSummary("Claims an open task of one of my groups so others do not work on it.");
        group.MapPost("/{id}/unclaim", UnclaimAsync).RequireAuthorization(Policies.TaskWorkers)
            .WithSummary("Gives a claimed task back to its groups: its claimer, a credit manager or an admin.");
        group.MapPost("/{id}/delegate", DelegateAsync).RequireAuthorization(Policies.TaskWorkers)
            .WithSummary("Hands a task to another active user among its candidates ({\"user\": \"name\"}); the claim becomes theirs.");
        group.MapPut("/{id}/dates", SetDatesAsync).RequireAuthorization(Policies.TaskWorkers)
            .WithSummary("Sets or clears a task's due and follow-up dates ({\"due\": ..., \"followUp\": ...}): its claimer or assignee, a credit manager or an admin.");
        group.MapPost("/{id}/complete", CompleteAsync).RequireAuthorization(Policies.TaskWorkers)
            .WithSummary("Completes a task with a decision (approve, reject, request-info), a comment and form variables. Makers never decide their own case; nobody approves twice.");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<InboxItem>>> ListAsync(ClaimsPrincipal principal, TaskInbox inbox, HttpResponse response,
        string? filter, string? group, string? search, string? sort, bool? desc, int? page, int? pageSize, bool? mine, bool? overdue,
        CancellationToken cancellationToken)
    {
        var query = InboxQuery.Parse(filter ?? (mine == true ? nameof(InboxFilter.Mine) : null), group, search, sort, desc, page, pageSize)
            with { OnlyOverdue = overdue == true };
        var result = await inbox.QueryAsync(ApiUser.Of(principal), query, cancellationToken);
        response.Headers["X-Total-Count"] = result.Total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(result.Items);
    }

    public static async Task<Ok<InboxCounts>> CountsAsync(ClaimsPrincipal principal, TaskInbox inbox, string? search, CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.CountAsync(ApiUser.Of(principal), search, cancellationToken));

    public static async Task<Ok<List<FilterResponse>>> ListFiltersAsync(ClaimsPrincipal principal, SavedTaskFilters filters, CancellationToken cancellationToken) =>
        TypedResults.Ok((await filters.ListAsync(ApiUser.Of(principal), cancellationToken)).Select(Response).ToList());

    public static async Task<Results<Ok<FilterResponse>, ProblemHttpResult>> SaveFilterAsync(FilterRequest? request, ClaimsPrincipal principal, SavedTaskFilters filters,
        CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Invalid("A JSON body is required: { \"name\": \"...\", \"filter\": \"Mine\", \"sort\": \"DueDate\" }.");
        }

        var query = InboxQuery.Parse(request.Filter, request.Group, request.Search, request.Sort, request.Desc, null, request.PageSize);
        return TypedResults.Ok(Response(await filters.SaveAsync(ApiUser.Of(principal), request.Name, query, cancellationToken)));
    }

    public static async Task<NoContent> DeleteFilterAsync(Guid id, ClaimsPrincipal principal, SavedTaskFilters filters, CancellationToken cancellationToken)
    {
        await filters.DeleteAsync(ApiUser.Of(principal), id, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> UnclaimAsync(string id, ClaimsPrincipal principal, TaskAssignments assignments, CancellationToken cancellationToken)
    {
        await assignments.UnclaimAsync(id, ApiUser.Of(principal), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<ClaimResponse>> DelegateAsync(string id, DelegateRequest? request, ClaimsPrincipal principal, TaskAssignments assignments,
        CancellationToken cancellationToken)
    {
        var claim = await assignments.DelegateAsync(id, request?.User, ApiUser.Of(principal), cancellationToken);
        return TypedResults.Ok(new ClaimResponse(claim.TaskId, claim.UserName, claim.ClaimedAt));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SetDatesAsync(string id, DatesRequest? request, ClaimsPrincipal principal, TaskAssignments assignments,
        CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Invalid("A JSON body is required: { \"due\": \"2026-12-01T12:00:00Z\", \"followUp\": null }.");
        }

        await assignments.SetDatesAsync(id, request.Due, request.FollowUp, ApiUser.Of(principal), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<ClaimResponse>> ClaimAsync(string id, ClaimsPrincipal principal, TaskActions actions, CancellationToken cancellationToken)
    {
        var claim = await actions.ClaimAsync(id, ApiUser.Of(principal), cancellationToken);
        return TypedResults.Ok(new ClaimResponse(claim.TaskId, claim.UserName, claim.ClaimedAt));
    }

    public static async Task<Results<Ok<CompleteResponse>, ProblemHttpResult>> CompleteAsync(string id, CompleteRequest? request, ClaimsPrincipal principal,
        TaskActions actions, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Invalid("A JSON body is required: { \"decision\": \"approve\", \"comment\": \"...\", \"variables\": { } }.");
        }

        if (request.Variables is { } v && v.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["variables"] = ["must be a JSON object"] });
        }

        var variables = request.Variables is { ValueKind: JsonValueKind.Object } json
            ? (Dictionary<string, object?>)Variables.FromJson(json)!
            : null;
        var instance = await actions.CompleteAsync(id, new TaskDecision(request.Decision, request.Comment, variables), ApiUser.Of(principal), cancellationToken);
        return TypedResults.Ok(new CompleteResponse(id, instance.Id, instance.Status.ToString(), instance.Bookmarks.Select(b => b.ElementId).Distinct().ToList()));
    }

    private static FilterResponse Response(SavedFilterView f) =>
        new(f.Id, f.Name, f.Query.Filter.ToString(), f.Query.Group, f.Query.Search, f.Query.Sort.ToString(), f.Query.Descending, f.Query.PageSize, f.CreatedAt);
}
