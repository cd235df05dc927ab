using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.LimitChanges;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>Limit changes of active customers: request (Sales owning the account, credit managers) and read with the decisions and waiting tasks.</summary>
public static class LimitChangesApi
{
    public sealed record LimitChangeRequestBody(string? Kind, decimal? RequestedLimit, DateOnly? TemporaryUntil, string? Reason, JsonElement? Statements);

    public sealed record LimitChangeInfo(Guid Id, Guid CustomerId, string Kind, string Status, decimal CurrentLimit, decimal? RequestedLimit, DateOnly? TemporaryUntil,
        decimal? RecommendedLimit, decimal? ApprovedLimit, string Reason, string RequestedBy, string? Outcome, Guid? InstanceId, DateTimeOffset CreatedAt,
        DateTimeOffset? DecidedAt, IReadOnlyList<DecisionInfo> Decisions, IReadOnlyList<TaskInfo> WaitingTasks);

    public static RouteGroupBuilder MapLimitChangesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/customers/{id:guid}/limit-changes", RequestAsync).WithTags("Limit changes").RequireAuthorization(Policies.LimitChangeRequesters)
            .WithSummary("Requests a limit change for an active customer: kind Increase, Decrease, TemporaryIncrease (with temporaryUntil), Suspension or Reinstatement; requestedLimit is the new total; statements (fresh financial statements) where the policy asks for them.");
        api.MapGet("/limit-changes/{id:guid}", GetAsync).WithTags("Limit changes").RequireAuthorization(Policies.CaseReaders)
            .WithSummary("A limit change with its assessment, decisions and waiting tasks (the read is audited).");
        return api;
    }

    public static async Task<Results<Created<LimitChangeInfo>, ProblemHttpResult>> RequestAsync(Guid id, LimitChangeRequestBody? body, ClaimsPrincipal principal,
        LimitChangeService changes, OnboardingDbContext db, WorkflowEngine engine, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required: { \"kind\": \"Increase\", \"requestedLimit\": 150000, \"reason\": \"...\" }."] });
        }

        var change = await changes.RequestAsync(new RequestLimitChangeCommand(id, body.Kind, body.RequestedLimit, body.TemporaryUntil, body.Reason, body.Statements),
            ApiUser.Of(principal), cancellationToken);
        return TypedResults.Created($"/api/limit-changes/{change.Id}", await InfoAsync(change, db, engine, cancellationToken));
    }

    public static async Task<Ok<LimitChangeInfo>> GetAsync(Guid id, ClaimsPrincipal principal, LimitChangeService changes, OnboardingDbContext db, WorkflowEngine engine,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await InfoAsync(await changes.GetAsync(id, ApiUser.Of(principal), cancellationToken), db, engine, cancellationToken));

    private static async Task<LimitChangeInfo> InfoAsync(LimitChangeRequest c, OnboardingDbContext db, WorkflowEngine engine, CancellationToken cancellationToken)
    {
        var decisions = await db.Set<CreditDecision>().AsNoTracking().Where(d => d.LimitChangeId == c.Id).ToListAsync(cancellationToken);
        var tasks = await engine.Options.Instances.QueryTasksAsync(new TaskQuery { BusinessKey = c.Id.ToString() }, cancellationToken);
        return new LimitChangeInfo(c.Id, c.CustomerId, c.Kind.ToString(), c.Status.ToString(), c.CurrentLimit, c.RequestedLimit, c.TemporaryUntil, c.RecommendedLimit,
            c.ApprovedLimit, c.Reason, c.RequestedBy, c.Outcome, c.InstanceId, c.CreatedAt, c.DecidedAt,
            decisions.OrderBy(d => d.DecidedAt).Select(CaseViews.Decision).ToList(),
            tasks.Select(t => CaseViews.Task(t)).ToList());
    }
}
