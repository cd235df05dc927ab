using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>The task list and the actions on tasks: claim, and complete with a decision.</summary>
public static class TasksApi
{
    public sealed record TaskResponse(string Id, Guid InstanceId, string ProcessKey, string? ApplicationId, string ElementId, string? Name, string? Assignee,
        string? ClaimedBy, IReadOnlyList<string> CandidateGroups, IReadOnlyList<string> CandidateUsers, DateTimeOffset? DueDate, int Priority,
        string? FormKey, DateTimeOffset CreatedAt, bool IsOverdue);

    public sealed record CompleteRequest(string? Decision, string? Comment, JsonElement? Variables);

    public sealed record CompleteResponse(string TaskId, Guid InstanceId, string InstanceStatus, IReadOnlyList<string> WaitingElements);

    public sealed record ClaimResponse(string TaskId, string ClaimedBy, DateTimeOffset ClaimedAt);

    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("Tasks");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.TaskReaders)
            .WithSummary("Open tasks: mine=true (assigned to or claimed by me), group=ROLE (a group I belong to), overdue=true; without filters, the tasks I may take. Auditors see all.");
        group.MapPost("/{id}/claim", ClaimAsync).RequireAuthorization(Policies.TaskWorkers)
            .WithSummary("Claims an open task of one of my groups so others do not work on it.");
        group.MapPost("/{id}/complete", CompleteAsync).RequireAuthorization(Policies.TaskWorkers)
            .WithSummary("Completes a task with a decision (approve, reject, request-info), a comment and form variables. Makers never decide their own case; nobody approves twice.");
        return api;
    }

    public static async Task<Results<Ok<List<TaskResponse>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal principal, WorkflowEngine engine, OnboardingDbContext db,
        CaseFile cases, TimeProvider clock, bool? mine, string? group, bool? overdue, CancellationToken cancellationToken)
    {
        var user = ApiUser.Of(principal);
        var now = clock.GetUtcNow();
        var store = engine.Options.Instances;
        var claims = await db.Set<TaskClaim>().AsNoTracking().ToDictionaryAsync(c => c.TaskId, c => c.UserName, cancellationToken);
        IEnumerable<TaskRecord> tasks;
        if (group is not null)
        {
            if (!user.IsAuditor && !user.IsInRole(group))
            {
                return Problems.Forbidden($"{user.Name} is not in the group {group}.");
            }

            tasks = await store.QueryTasksAsync(new TaskQuery { Groups = [group] }, cancellationToken);
        }
        else if (mine == true)
        {
            var assigned = await store.QueryTasksAsync(new TaskQuery { Assignee = user.Name }, cancellationToken);
            var claimed = new List<TaskRecord>();
            foreach (var taskId in claims.Where(c => string.Equals(c.Value, user.Name, StringComparison.OrdinalIgnoreCase)).Select(c => c.Key))
            {
                if (await store.FindTaskAsync(taskId, cancellationToken) is { Status: UserTaskStatus.Open } task)
                {
                    claimed.Add(task);
                }
            }

            tasks = assigned.Concat(claimed).DistinctBy(t => t.Id);
        }
        else if (user.IsAuditor)
        {
            tasks = await store.QueryTasksAsync(new TaskQuery(), cancellationToken);
        }
        else
        {
            tasks = await store.QueryTasksAsync(new TaskQuery { CandidateUser = user.Name, Groups = user.Roles.ToList() }, cancellationToken);
        }

        if (user.SeesOnlyOwnCases)
        {
            // The ownership rule: a salesperson's group tasks include other makers' cases.
            var maker = user.Name.Trim().ToLower();
            var own = (await db.Set<OnboardingApplication>().Where(a => a.Maker.ToLower() == maker).Select(a => a.Id).ToListAsync(cancellationToken))
                .Select(id => id.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            tasks = tasks.Where(t => t.BusinessKey is not null && own.Contains(t.BusinessKey));
        }

        if (overdue == true)
        {
            tasks = tasks.Where(t => t.DueDate < now);
        }

        var list = tasks.Select(t => Response(t, claims.GetValueOrDefault(t.Id), now)).ToList();
        // A task list shows whose cases wait where: the read is recorded like any other read of case data.
        cases.Audit(user.Name, "tasks.read", "Task", $"mine={mine} group={group} overdue={overdue}", detail: $"{list.Count} task(s)");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(list);
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

    internal static TaskResponse Response(TaskRecord t, string? claimedBy, DateTimeOffset now) =>
        new(t.Id, t.InstanceId, t.ProcessKey, t.BusinessKey, t.ElementId, t.Name, t.Assignee, claimedBy, t.CandidateGroups, t.CandidateUsers, t.DueDate,
            t.Priority, t.FormKey, t.CreatedAt, t.DueDate < now);
}
