using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Server.Jobs;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>
/// Migrating running onboarding cases to a newer version of the shipped flow through the API:
/// preview, a batch accepted at once and moved by its job (run here directly), progress to read,
/// bad plans answered with what to fix, and nobody but admins let in.
/// </summary>
[Collection(HangfireHostCollection.Name)]
public sealed class InstanceMigrationFacts : IAsyncLifetime
{
    private const string Process = "customerOnboarding";
    private static readonly string Shipped = File.ReadAllText(RepositoryRoot.Combine("workflows", "customer-onboarding.bpmn"));

    private OnboardingServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start();
        await _server.SeedUsersAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static StringContent Bpmn(string xml) => new(xml, Encoding.UTF8, "application/xml");

    [Fact]
    public async Task A_running_case_moves_to_the_new_version_by_a_batch_and_keeps_its_task()
    {
        var flow = new Onboarding(_server);
        var application = await flow.SubmitAsync(Users.Sally, Onboarding.Low);
        var instance = (await flow.DetailAsync(application)).GetProperty("application").GetProperty("instanceId").GetGuid();
        using var admin = await _server.As(Users.Admin);
        using var sales = await _server.As(Users.Sally);
        var before = (await Http.Json(await sales.GetAsync("/api/tasks?filter=Mine"), HttpStatusCode.OK)).EnumerateArray().Single();
        var from = (await Http.Json(await admin.GetAsync($"/api/workflow-instances/{instance}"), HttpStatusCode.OK)).GetProperty("processVersion").GetInt32();
        var changed = Shipped.Replace("name=\"Collect documents\"", "name=\"Collect the documents\"", StringComparison.Ordinal);
        await Http.Ensure(await admin.PostAsync("/api/workflows", Bpmn(changed)), HttpStatusCode.Created);
        var plan = new { processKey = Process, fromVersion = from, toVersion = from + 1 };

        var preview = await Http.Json(await admin.PostAsJsonAsync("/api/workflow-migrations/preview", new { plan.processKey, plan.fromVersion, plan.toVersion, page = 1, pageSize = 10 }),
            HttpStatusCode.OK);
        Assert.Equal((1, 1, 0), (preview.GetProperty("total").GetInt32(), preview.GetProperty("movable").GetInt32(), preview.GetProperty("blocked").GetInt32()));
        var move = preview.GetProperty("instances")[0].GetProperty("moves").EnumerateArray().Single(m => m.GetProperty("kind").GetString() == "task");
        Assert.Equal("collectDocuments", move.GetProperty("toElementId").GetString());
        Assert.StartsWith($"task kept, same id, assignee {Users.Sally}", move.GetProperty("outcome").GetString());

        var accepted = await admin.PostAsJsonAsync("/api/workflow-migrations", new { plan.processKey, plan.fromVersion, plan.toVersion, instanceIds = new[] { instance } });
        var batch = await Http.Json(accepted, HttpStatusCode.Accepted);
        var id = batch.GetProperty("id").GetGuid();
        Assert.Equal($"/api/workflow-migrations/{id}", accepted.Headers.Location?.OriginalString);
        Assert.Equal("Queued", batch.GetProperty("state").GetString());

        await using (var scope = _server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WorkflowMigrationJob>().RunAsync(id, CancellationToken.None);
        }

        var done = await Http.Json(await admin.GetAsync($"/api/workflow-migrations/{id}"), HttpStatusCode.OK);
        Assert.Equal(("Completed", 1, 1), (done.GetProperty("state").GetString(), done.GetProperty("total").GetInt32(), done.GetProperty("migrated").GetInt32()));
        var moved = await Http.Json(await admin.GetAsync($"/api/workflow-instances/{instance}"), HttpStatusCode.OK);
        Assert.Equal(from + 1, moved.GetProperty("processVersion").GetInt32());
        Assert.Contains("\"migrated\"", moved.GetProperty("history").ToString());
        var after = (await Http.Json(await sales.GetAsync("/api/tasks?filter=Mine"), HttpStatusCode.OK)).EnumerateArray().Single();
        Assert.Equal(before.GetProperty("id").GetString(), after.GetProperty("id").GetString());
        var listed = await Http.Json(await admin.GetAsync($"/api/workflow-migrations?processKey={Process}"), HttpStatusCode.OK);
        Assert.Equal(id, listed.EnumerateArray().Single().GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_bad_plan_is_a_problem_with_a_code_and_the_field_to_fix()
    {
        using var admin = await _server.As(Users.Admin);
        var changed = Shipped.Replace("name=\"Collect documents\"", "name=\"Collect all documents\"", StringComparison.Ordinal);
        var deployed = await Http.Json(await admin.PostAsync("/api/workflows", Bpmn(changed)), HttpStatusCode.Created);
        var to = deployed.GetProperty("processes")[0].GetProperty("version").GetInt32();

        var unknown = await Http.Problem(await admin.PostAsJsonAsync("/api/workflow-migrations/preview",
            new { processKey = Process, fromVersion = to - 1, toVersion = to, mapping = new Dictionary<string, string> { ["collectDocuments"] = "collectPapers" } }),
            HttpStatusCode.BadRequest, "migration_mapping_invalid");
        Assert.Contains("'collectPapers' is not an element of version", unknown.GetProperty("errors").GetProperty("mapping")[0].GetString());

        var backwards = await Http.Problem(await admin.PostAsJsonAsync("/api/workflow-migrations", new { processKey = Process, fromVersion = to, toVersion = to - 1 }),
            HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(backwards.GetProperty("errors").TryGetProperty("toVersion", out _));
        await Http.Problem(await admin.PostAsJsonAsync("/api/workflow-migrations", new { processKey = Process, fromVersion = to - 1, toVersion = to, instanceIds = Array.Empty<Guid>() }),
            HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await admin.GetAsync($"/api/workflow-migrations/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Only_admins_may_preview_start_or_read_migrations()
    {
        foreach (var user in new[] { Users.Mia, Users.Audrey, Users.Sally })
        {
            using var client = await _server.As(user);
            await Http.Problem(await client.PostAsJsonAsync("/api/workflow-migrations/preview", new { processKey = Process, fromVersion = 1, toVersion = 2 }),
                HttpStatusCode.Forbidden, "forbidden");
            await Http.Problem(await client.PostAsJsonAsync("/api/workflow-migrations", new { processKey = Process, fromVersion = 1, toVersion = 2 }),
                HttpStatusCode.Forbidden, "forbidden");
            await Http.Problem(await client.GetAsync("/api/workflow-migrations"), HttpStatusCode.Forbidden, "forbidden");
        }
    }
}
