using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Workflow;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>
/// External tasks for machine workers (Camunda 7's REST shape): fetch-and-lock by topic, then
/// complete, report a failure, throw a BPMN error, extend or release the lock. Durations are in
/// milliseconds. Only the ExternalWorker role (and Admin) may call them; a worker may set only the
/// variables the task's camunda:formData declares.
/// </summary>
public static class ExternalTasksApi
{
    public sealed record TopicRequest(string? TopicName, long? LockDuration, IReadOnlyList<string?>? Variables);

    public sealed record FetchAndLockRequest(string? WorkerId, int? MaxTasks, IReadOnlyList<TopicRequest?>? Topics, bool? UsePriority);

    public sealed record CompleteRequest(string? WorkerId, JsonElement? Variables);

    public sealed record FailureRequest(string? WorkerId, string? ErrorMessage, string? ErrorDetails, int? Retries, long? RetryTimeout);

    public sealed record BpmnErrorRequest(string? WorkerId, string? ErrorCode, string? ErrorMessage, JsonElement? Variables);

    public sealed record ExtendLockRequest(string? WorkerId, long? NewDuration);

    public sealed record UnlockRequest(string? WorkerId);

    public sealed record ExtendLockResponse(string Id, DateTimeOffset LockExpirationTime);

    public static RouteGroupBuilder MapExternalTasksApi(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/external-tasks").WithTags("External tasks");
        tasks.MapPost("/fetch-and-lock", FetchAndLockAsync).RequireAuthorization(Policies.ExternalWorkers)
            .WithSummary("Locks up to maxTasks (1-100) external tasks of the topics for workerId: {workerId, maxTasks, usePriority, topics:[{topicName, lockDuration (ms, 1000-86400000), variables?:[names]}]}; returns them with their instance, business key and variables (ExternalWorker, Admin).");
        tasks.MapPost("/{id}/complete", CompleteAsync).RequireAuthorization(Policies.ExternalWorkers)
            .WithSummary("Completes a task the worker holds the lock of, with the variables its camunda:formData declares ({workerId, variables}); audited. external_task_not_found, external_task_lock_lost, task_contract_violation (ExternalWorker, Admin).");
        tasks.MapPost("/{id}/failure", FailureAsync).RequireAuthorization(Policies.ExternalWorkers)
            .WithSummary("Reports a failure ({workerId, errorMessage, errorDetails?, retries, retryTimeout (ms)}): the task may be fetched again after retryTimeout while retries are left; retries 0 raises an incident that an admin retries; audited (ExternalWorker, Admin).");
        tasks.MapPost("/{id}/bpmnError", BpmnErrorAsync).RequireAuthorization(Policies.ExternalWorkers)
            .WithSummary("Throws a BPMN error from the task ({workerId, errorCode, errorMessage?, variables?}): an error boundary event catches it, uncaught it is an UnhandledError incident; audited (ExternalWorker, Admin).");
        tasks.MapPost("/{id}/extendLock", ExtendLockAsync).RequireAuthorization(Policies.ExternalWorkers)
            .WithSummary("Extends the worker's lock to newDuration (ms) from now ({workerId, newDuration}) (ExternalWorker, Admin).");
        tasks.MapPost("/{id}/unlock", UnlockAsync).RequireAuthorization(Policies.ExternalWorkers)
            .WithSummary("Releases the worker's lock ({workerId}): the task can be fetched again at once (ExternalWorker, Admin).");
        tasks.MapGet("/", ListAsync).RequireAuthorization(Policies.ExternalTaskReaders)
            .WithSummary("External tasks with their locks; filters topicName, processInstanceId, locked, max (1-500) (Admin, Auditor).");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<LockedExternalTaskView>>> FetchAndLockAsync(FetchAndLockRequest? body, ClaimsPrincipal principal, ExternalTasks tasks,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.FetchAndLockAsync(ApiUser.Of(principal),
            body is null ? null : new FetchAndLockInput(body.WorkerId, body.MaxTasks, body.Topics?.Select(t => t is null ? null : new ExternalTopicInput(t.TopicName, t.LockDuration, t.Variables)).ToList(), body.UsePriority),
            cancellationToken));

    public static async Task<Results<Ok<ExternalTaskOutcome>, ProblemHttpResult>> CompleteAsync(string id, CompleteRequest? body, ClaimsPrincipal principal, ExternalTasks tasks,
        CancellationToken cancellationToken)
    {
        if (VariablesOf(body?.Variables, out var variables) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await tasks.CompleteAsync(ApiUser.Of(principal), id, body?.WorkerId, variables, cancellationToken));
    }

    public static async Task<Ok<ExternalTaskOutcome>> FailureAsync(string id, FailureRequest? body, ClaimsPrincipal principal, ExternalTasks tasks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.FailureAsync(ApiUser.Of(principal), id,
            body is null ? null : new ExternalFailureInput(body.WorkerId, body.ErrorMessage, body.ErrorDetails, body.Retries, body.RetryTimeout), cancellationToken));

    public static async Task<Results<Ok<ExternalTaskOutcome>, ProblemHttpResult>> BpmnErrorAsync(string id, BpmnErrorRequest? body, ClaimsPrincipal principal, ExternalTasks tasks,
        CancellationToken cancellationToken)
    {
        if (VariablesOf(body?.Variables, out var variables) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await tasks.BpmnErrorAsync(ApiUser.Of(principal), id,
            body is null ? null : new ExternalBpmnErrorInput(body.WorkerId, body.ErrorCode, body.ErrorMessage, variables), cancellationToken));
    }

    public static async Task<Ok<ExtendLockResponse>> ExtendLockAsync(string id, ExtendLockRequest? body, ExternalTasks tasks, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ExtendLockResponse(id, await tasks.ExtendLockAsync(id, body?.WorkerId, body?.NewDuration, cancellationToken)));

    public static async Task<NoContent> UnlockAsync(string id, UnlockRequest? body, ExternalTasks tasks, CancellationToken cancellationToken)
    {
        await tasks.UnlockAsync(id, body?.WorkerId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<ExternalTaskView>>> ListAsync(string? topicName, Guid? processInstanceId, bool? locked, int? max, ExternalTasks tasks,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.ListAsync(topicName, processInstanceId, locked, max, cancellationToken));

    /// <summary>The variables of a report: a JSON object or nothing; anything else is refused.</summary>
    private static ProblemHttpResult? VariablesOf(JsonElement? json, out Dictionary<string, object?>? variables)
    {
        variables = null;
        if (json is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["variables"] = ["must be a JSON object of variable names and values"] });
        }

        variables = (Dictionary<string, object?>)Variables.FromJson(element)!;
        return null;
    }
}
