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

/// <summary>POST /api/signals: an administrator's signal reaches every waiting instance, carries nothing else, and is audited.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class SignalsApiFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start();
        await _server.SeedUsersAsync();
        using var admin = await _server.As(Users.Admin);
        var xml = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tests", "OnboardingWorkflow.Engine.Tests", "Bpmn", "runtime", "signals.bpmn"));
        await Http.Ensure(await admin.PostAsync("/api/workflows", new StringContent(xml, Encoding.UTF8, "application/xml")), HttpStatusCode.Created);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_signal_resumes_every_waiting_instance_starts_the_signal_started_process_and_is_audited()
    {
        var first = await StartWaiterAsync();
        var second = await StartWaiterAsync();
        using var admin = await _server.As(Users.Admin);

        var outcome = await Http.Json(await admin.PostAsJsonAsync("/api/signals", new { name = "ratesChanged" }), HttpStatusCode.OK);

        Assert.Equal([first, second], outcome.GetProperty("resumedInstances").EnumerateArray().Select(e => e.GetGuid()).Order());
        Assert.Single(outcome.GetProperty("startedInstances").EnumerateArray());
        foreach (var id in new[] { first, second })
        {
            var instance = await Http.Json(await admin.GetAsync($"/api/workflow-instances/{id}"), HttpStatusCode.OK);
            Assert.Equal("reprice", Assert.Single(instance.GetProperty("waiting").EnumerateArray()).GetProperty("elementId").GetString());
        }

        var audit = await _server.WithDbAsync(db => db.Set<AuditEvent>().SingleAsync(e => e.Action == "workflow.signal" && e.EntityId == "ratesChanged"));
        Assert.Equal((Users.Admin, "2 waiting instance(s) went on, 1 started"), (audit.Actor, audit.Detail));
    }

    [Fact]
    public async Task A_signal_without_a_name_or_with_variables_is_refused_and_reaches_nobody()
    {
        var waiter = await StartWaiterAsync();
        using var admin = await _server.As(Users.Admin);

        var missing = await Http.Problem(await admin.PostAsJsonAsync("/api/signals", new { name = "  " }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(missing.GetProperty("errors").TryGetProperty("name", out _), missing.ToString());
        await Http.Problem(await admin.PostAsJsonAsync("/api/signals", new { name = "ratesChanged", variables = new { limit = 1 } }), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await admin.PostAsJsonAsync("/api/signals", new { name = new string('s', 201) }), HttpStatusCode.BadRequest, "invalid_request");

        var instance = await Http.Json(await admin.GetAsync($"/api/workflow-instances/{waiter}"), HttpStatusCode.OK);
        Assert.Equal("waitRates", Assert.Single(instance.GetProperty("waiting").EnumerateArray()).GetProperty("elementId").GetString());
    }

    private async Task<Guid> StartWaiterAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        return (await engine.StartAsync("signalWaiter", actor: "admin")).Id;
    }
}
