using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>POST /api/workflow-instances/{id}/trigger: an administrator moves a receive task without a message on, with nothing else, audited.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class TriggerApiFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start();
        await _server.SeedUsersAsync();
        using var admin = await _server.As(Users.Admin);
        var xml = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tests", "OnboardingWorkflow.Engine.Tests", "Bpmn", "runtime", "receive-trigger.bpmn"));
        await Http.Ensure(await admin.PostAsync("/api/workflows", new StringContent(xml, Encoding.UTF8, "application/xml")), HttpStatusCode.Created);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_trigger_moves_the_instance_past_the_receive_task_and_is_audited()
    {
        var id = await StartAsync();
        using var admin = await _server.As(Users.Admin);

        var outcome = await Http.Json(await admin.PostAsJsonAsync($"/api/workflow-instances/{id}/trigger", new { elementId = "awaitDelivery" }), HttpStatusCode.OK);

        Assert.Equal(["awaitPayment"], outcome.GetProperty("waitingAt").EnumerateArray().Select(e => e.GetString()));
        var instance = await Http.Json(await admin.GetAsync($"/api/workflow-instances/{id}"), HttpStatusCode.OK);
        Assert.Contains(instance.GetProperty("history").EnumerateArray(), e => e.GetProperty("event").GetString() == "triggered" && e.GetProperty("actor").GetString() == Users.Admin);
        var audit = await _server.WithDbAsync(db => db.Set<AuditEvent>().SingleAsync(e => e.Action == "workflow.trigger" && e.EntityId == id.ToString()));
        Assert.Equal((Users.Admin, "awaitDelivery"), (audit.Actor, audit.Detail));
    }

    [Fact]
    public async Task A_trigger_where_nothing_waits_with_variables_or_without_an_element_is_refused_and_changes_nothing()
    {
        var id = await StartAsync();
        using var admin = await _server.As(Users.Admin);
        var url = $"/api/workflow-instances/{id}/trigger";

        var missing = await Http.Problem(await admin.PostAsJsonAsync(url, new { elementId = "" }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(missing.GetProperty("errors").TryGetProperty("elementId", out _), missing.ToString());
        await Http.Problem(await admin.PostAsJsonAsync(url, new { elementId = "awaitDelivery", variables = new { limit = 1 } }), HttpStatusCode.BadRequest, "invalid_request");
        var notThere = await Http.Problem(await admin.PostAsJsonAsync(url, new { elementId = "awaitPayment" }), HttpStatusCode.Conflict, "invalid_state");
        Assert.Contains("not a receive task without a message", notThere.GetProperty("detail").GetString());
        await Http.Problem(await admin.PostAsJsonAsync($"/api/workflow-instances/{Guid.NewGuid()}/trigger", new { elementId = "awaitDelivery" }), HttpStatusCode.NotFound, "not_found");

        var instance = await Http.Json(await admin.GetAsync($"/api/workflow-instances/{id}"), HttpStatusCode.OK);
        Assert.Equal("awaitDelivery", Assert.Single(instance.GetProperty("waiting").EnumerateArray()).GetProperty("elementId").GetString());
    }

    private async Task<Guid> StartAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        return (await engine.StartAsync("receiveTrigger", businessKey: Guid.NewGuid().ToString("N"), actor: "admin")).Id;
    }
}
