using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>/api/external-tasks: a machine worker fetches, locks and reports on external tasks over HTTP, each report audited.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class ExternalTasksApiFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start();
        await _server.SeedUsersAsync();
        using var admin = await _server.As(Users.Admin);
        var xml = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tests", "OnboardingWorkflow.Engine.Tests", "Bpmn", "runtime", "external-tasks.bpmn"));
        await Http.Ensure(await admin.PostAsync("/api/workflows", new StringContent(xml, Encoding.UTF8, "application/xml")), HttpStatusCode.Created);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static object FetchBody(string worker, string topic = "credit-bureau", int maxTasks = 10, long lockDuration = 60_000, string[]? variables = null) =>
        new { workerId = worker, maxTasks, topics = new[] { new { topicName = topic, lockDuration, variables } } };

    /// <summary>Starts an instance and fetches its bureau task for the worker (tasks of other facts are fetched by other workers, so each fact finds its own by instance).</summary>
    private async Task<(Guid Instance, JsonElement Task)> StartAndFetchAsync(HttpClient worker, string workerId)
    {
        Guid id;
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
            id = (await engine.StartAsync("bureauCheck", new Dictionary<string, object?> { ["priority"] = 1, ["applicant"] = "Acme" }, businessKey: $"APP-{Guid.NewGuid():N}", actor: "admin")).Id;
        }

        var fetched = await Http.Json(await worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", FetchBody(workerId, maxTasks: 100)), HttpStatusCode.OK);
        var task = fetched.EnumerateArray().Single(t => t.GetProperty("processInstanceId").GetGuid() == id);
        return (id, task);
    }

    [Fact]
    public async Task A_worker_fetches_locks_and_completes_a_task_over_http_and_the_completion_is_audited()
    {
        using var worker = await _server.As(Users.Walt);
        var (id, task) = await StartAndFetchAsync(worker, "bureau-1");
        var taskId = task.GetProperty("id").GetString()!;
        Assert.Equal(("credit-bureau", "bureau-1", "lookup", "bureauCheck"), (task.GetProperty("topicName").GetString(), task.GetProperty("workerId").GetString(),
            task.GetProperty("activityId").GetString(), task.GetProperty("processDefinitionKey").GetString()));
        Assert.Equal("Acme", task.GetProperty("variables").GetProperty("applicant").GetString());
        // Locked: another worker does not get it.
        var others = await Http.Json(await worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", FetchBody("bureau-2", maxTasks: 100)), HttpStatusCode.OK);
        Assert.DoesNotContain(others.EnumerateArray(), t => t.GetProperty("id").GetString() == taskId);

        var outcome = await Http.Json(await worker.PostAsJsonAsync($"/api/external-tasks/{taskId}/complete",
            new { workerId = "bureau-1", variables = new { bureauScore = 640, bureauName = "Bureau A" } }), HttpStatusCode.OK);

        Assert.Equal(["updateErp"], outcome.GetProperty("waitingAt").EnumerateArray().Select(e => e.GetString()));
        using var admin = await _server.As(Users.Admin);
        var instance = await Http.Json(await admin.GetAsync($"/api/workflow-instances/{id}"), HttpStatusCode.OK);
        Assert.Equal(640, instance.GetProperty("variables").GetProperty("bureauScore").GetDecimal());
        var audit = await _server.WithDbAsync(db => db.Set<AuditEvent>().SingleAsync(e => e.Action == "externalTask.completed" && e.EntityId == taskId));
        Assert.Equal((Users.Walt, "worker bureau-1"), (audit.Actor, audit.Detail));
        await Http.Problem(await worker.PostAsJsonAsync($"/api/external-tasks/{taskId}/complete", new { workerId = "bureau-1" }), HttpStatusCode.NotFound, "external_task_not_found");
    }

    [Fact]
    public async Task Undeclared_or_out_of_bounds_variables_are_refused_per_variable_and_the_task_stays_locked()
    {
        using var worker = await _server.As(Users.Walt);
        var (_, task) = await StartAndFetchAsync(worker, "bureau-3");
        var url = $"/api/external-tasks/{task.GetProperty("id").GetString()}/complete";

        var refused = await Http.Problem(await worker.PostAsJsonAsync(url, new { workerId = "bureau-3", variables = new { bureauScore = 1200, approved = true } }),
            HttpStatusCode.BadRequest, "task_contract_violation");
        var errors = refused.GetProperty("errors");
        Assert.Contains("is not declared by task 'lookup'", errors.GetProperty("approved")[0].GetString());
        Assert.Contains("must be at most 999", errors.GetProperty("bureauScore")[0].GetString());
        await Http.Problem(await worker.PostAsJsonAsync(url, new { workerId = "bureau-3", variables = new[] { 1 } }), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await worker.PostAsJsonAsync(url, new { workerId = "bureau-3", variables = new { bureauScore = 1 }, extra = 1 }), HttpStatusCode.BadRequest, "invalid_request");

        await Http.Ensure(await worker.PostAsJsonAsync(url, new { workerId = "bureau-3", variables = new { bureauScore = 700 } }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reports_without_the_lock_or_on_unknown_tasks_and_bad_fetches_get_stable_codes()
    {
        using var worker = await _server.As(Users.Walt);
        var (_, task) = await StartAndFetchAsync(worker, "bureau-4");
        var taskId = task.GetProperty("id").GetString()!;

        var other = await Http.Problem(await worker.PostAsJsonAsync($"/api/external-tasks/{taskId}/complete", new { workerId = "someone-else", variables = new { bureauScore = 1 } }),
            HttpStatusCode.Conflict, "external_task_lock_lost");
        Assert.Contains("another worker holds it", other.GetProperty("detail").GetString());
        await Http.Problem(await worker.PostAsJsonAsync("/api/external-tasks/0123456789abcdef0123456789abcdef/complete", new { workerId = "bureau-4" }), HttpStatusCode.NotFound, "external_task_not_found");
        var noWorker = await Http.Problem(await worker.PostAsJsonAsync($"/api/external-tasks/{taskId}/complete", new { variables = new { bureauScore = 1 } }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(noWorker.GetProperty("errors").TryGetProperty("workerId", out _), noWorker.ToString());

        var badFetch = await Http.Problem(await worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock",
            new { workerId = "bureau-4", maxTasks = 1000, topics = new[] { new { topicName = "credit-bureau", lockDuration = 10L, variables = new[] { "1bad" } } } }),
            HttpStatusCode.BadRequest, "invalid_request");
        var fetchErrors = badFetch.GetProperty("errors");
        Assert.Contains("between 1 and 100", fetchErrors.GetProperty("maxTasks")[0].GetString());
        Assert.Contains("between 1000 and 86400000 milliseconds", fetchErrors.GetProperty("topics[0].lockDuration")[0].GetString());
        Assert.True(fetchErrors.TryGetProperty("topics[0].variables", out _), badFetch.ToString());
        var noTopics = await Http.Problem(await worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", new { workerId = "bureau-4", maxTasks = 1 }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(noTopics.GetProperty("errors").TryGetProperty("topics", out _));
        var badFailure = await Http.Problem(await worker.PostAsJsonAsync($"/api/external-tasks/{taskId}/failure", new { workerId = "bureau-4", retries = -1, retryTimeout = -5 }),
            HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(["errorMessage", "retries", "retryTimeout"], badFailure.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failure_without_retries_is_an_incident_that_an_admin_retries_and_a_bpmn_error_is_caught_by_the_boundary_event()
    {
        using var worker = await _server.As(Users.Walt);
        using var admin = await _server.As(Users.Admin);
        var (id, task) = await StartAndFetchAsync(worker, "bureau-5");
        var taskId = task.GetProperty("id").GetString()!;

        await Http.Ensure(await worker.PostAsJsonAsync($"/api/external-tasks/{taskId}/failure",
            new { workerId = "bureau-5", errorMessage = "bureau unreachable", errorDetails = "HTTP 503\n  at Client.Get()", retries = 0, retryTimeout = 0 }), HttpStatusCode.OK);

        var incidents = await Http.Json(await admin.GetAsync("/api/incidents"), HttpStatusCode.OK);
        var incident = incidents.EnumerateArray().Single(i => i.GetProperty("instanceId").GetGuid() == id);
        Assert.Equal("ExternalTaskFailed", incident.GetProperty("code").GetString());
        var audit = await _server.WithDbAsync(db => db.Set<AuditEvent>().SingleAsync(e => e.Action == "externalTask.failed" && e.EntityId == taskId));
        Assert.Equal("worker bureau-5, 0 retries left: bureau unreachable", audit.Detail);
        await Http.Ensure(await admin.PostAsync($"/api/workflow-instances/{id}/incidents/{incident.GetProperty("incidentId").GetString()}/retry", null), HttpStatusCode.OK);

        var again = await Http.Json(await worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", FetchBody("bureau-6", maxTasks: 100)), HttpStatusCode.OK);
        Assert.Contains(again.EnumerateArray(), t => t.GetProperty("id").GetString() == taskId);
        var locked = await Http.Json(await admin.GetAsync($"/api/external-tasks?processInstanceId={id}&locked=true"), HttpStatusCode.OK);
        Assert.Equal((taskId, "bureau-6"), (Assert.Single(locked.EnumerateArray()).GetProperty("id").GetString(), locked[0].GetProperty("workerId").GetString()));
        var outcome = await Http.Json(await worker.PostAsJsonAsync($"/api/external-tasks/{taskId}/bpmnError",
            new { workerId = "bureau-6", errorCode = "NO_RECORD", errorMessage = "no file", variables = new { bureauName = "Bureau B" } }), HttpStatusCode.OK);
        Assert.Equal(["manualCheck"], outcome.GetProperty("waitingAt").EnumerateArray().Select(e => e.GetString()));
        Assert.True(await _server.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.Action == "externalTask.bpmnError" && e.EntityId == taskId)));

        var listed = await Http.Json(await admin.GetAsync($"/api/external-tasks?processInstanceId={id}"), HttpStatusCode.OK);
        Assert.Equal(0, listed.GetArrayLength());
    }
}
