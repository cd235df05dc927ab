using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>
/// Changing an approval flow through drafts, on the shipped onboarding flow: validated on every
/// save, proposed by one admin, published by another, and the next case runs the new version.
/// </summary>
[Collection(HangfireHostCollection.Name)]
public sealed class WorkflowDraftFacts : IAsyncLifetime
{
    private const string SecondAdmin = "second.admin@owf.test";
    private const string Process = "customerOnboarding";
    private static readonly string Shipped = File.ReadAllText(RepositoryRoot.Combine("workflows", "customer-onboarding.bpmn"));

    private OnboardingServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start();
        await _server.SeedUsersAsync();
        using var admin = await _server.As(Users.Admin);
        await Http.Ensure(await admin.PostAsJsonAsync("/api/users", new { email = SecondAdmin, password = OnboardingServer.Password, roles = new[] { "Admin" } }),
            HttpStatusCode.Created);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task One_admin_proposes_another_publishes_and_the_next_case_runs_the_new_version()
    {
        using var author = await _server.As(Users.Admin);
        using var reviewer = await _server.As(SecondAdmin);
        var latest = await LatestVersionAsync(author);
        var changed = Shipped.Replace("name=\"Collect documents\"", "name=\"Collect the documents\"", StringComparison.Ordinal);

        var draft = await Http.Json(await author.PostAsJsonAsync("/api/workflow-drafts", new { xml = changed, comment = "Clearer task name" }), HttpStatusCode.Created);
        var id = Id(draft);
        Assert.Equal(latest, draft.GetProperty("draft").GetProperty("baseVersion").GetInt32());
        Assert.Equal(0, draft.GetProperty("draft").GetProperty("errors").GetInt32());
        Assert.Equal(Process, draft.GetProperty("draft").GetProperty("processKey").GetString());

        var proposed = await Http.Json(await author.PostAsJsonAsync($"/api/workflow-drafts/{id}/propose", new { revision = Revision(draft) }), HttpStatusCode.OK);
        Assert.Equal("Proposed", proposed.GetProperty("draft").GetProperty("state").GetString());

        // The proposer cannot publish their own change.
        await Http.Problem(await author.PostAsJsonAsync($"/api/workflow-drafts/{id}/publish", new { revision = Revision(proposed) }),
            HttpStatusCode.Forbidden, "maker_checker_violation");
        Assert.Equal(latest, await LatestVersionAsync(author));

        var published = await Http.Json(await reviewer.PostAsJsonAsync($"/api/workflow-drafts/{id}/publish", new { revision = Revision(proposed) }), HttpStatusCode.OK);
        Assert.Equal("Published", published.GetProperty("draft").GetProperty("state").GetString());
        Assert.Equal(latest + 1, published.GetProperty("draft").GetProperty("publishedVersion").GetInt32());
        Assert.Equal(SecondAdmin, published.GetProperty("draft").GetProperty("publishedBy").GetString());
        Assert.Equal(latest + 1, await LatestVersionAsync(author));

        var flow = new Onboarding(_server);
        var application = await flow.SubmitAsync(Users.Sally, Onboarding.Low);
        var instance = (await flow.DetailAsync(application)).GetProperty("application").GetProperty("instanceId").GetGuid();
        var running = await Http.Json(await author.GetAsync($"/api/workflow-instances/{instance}"), HttpStatusCode.OK);
        Assert.Equal(latest + 1, running.GetProperty("processVersion").GetInt32());
        using var sales = await _server.As(Users.Sally);
        var tasks = await Http.Json(await sales.GetAsync("/api/tasks?filter=Mine"), HttpStatusCode.OK);
        Assert.Contains(tasks.EnumerateArray(), t => t.GetProperty("name").GetString() == "Collect the documents");

        var audit = await Http.Json(await author.GetAsync("/api/audit?action=workflow.published"), HttpStatusCode.OK);
        Assert.Contains(SecondAdmin, audit.ToString());
    }

    [Fact]
    public async Task A_draft_with_an_error_is_kept_with_the_finding_at_its_element_and_cannot_be_proposed()
    {
        using var author = await _server.As(Users.Admin);
        var draft = await Http.Json(await author.PostAsJsonAsync("/api/workflow-drafts", new { xml = Shipped }), HttpStatusCode.Created);
        var broken = Shipped.Replace("sourceRef=\"screening\" targetRef=\"negativeListGateway\"", "sourceRef=\"screening\" targetRef=\"noSuchGateway\"", StringComparison.Ordinal);

        var saved = await Http.Json(await author.PutAsJsonAsync($"/api/workflow-drafts/{Id(draft)}", new { xml = broken, revision = Revision(draft) }), HttpStatusCode.OK);

        // The flow to nowhere, and what it cuts off from the end, are errors.
        var errors = saved.GetProperty("diagnostics").EnumerateArray().Where(d => d.GetProperty("severity").GetString() == "error").ToList();
        Assert.Equal(errors.Count, saved.GetProperty("draft").GetProperty("errors").GetInt32());
        var finding = Assert.Single(errors, d => d.GetProperty("elementId").GetString() == "toNegativeListGateway");
        Assert.Equal(LineOf(broken, "noSuchGateway"), finding.GetProperty("line").GetInt32());
        Assert.Contains("noSuchGateway", finding.GetProperty("message").GetString());

        var refused = await Http.Problem(await author.PostAsJsonAsync($"/api/workflow-drafts/{Id(draft)}/propose", new { revision = Revision(saved) }),
            HttpStatusCode.UnprocessableEntity, "bpmn_invalid");
        Assert.Contains(refused.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("elementId").GetString() == "toNegativeListGateway");
        var kept = await Http.Json(await author.GetAsync($"/api/workflow-drafts/{Id(draft)}"), HttpStatusCode.OK);
        Assert.Equal("Draft", kept.GetProperty("draft").GetProperty("state").GetString());
        Assert.Equal(broken, kept.GetProperty("xml").GetString());
    }

    [Fact]
    public async Task A_save_at_a_stale_revision_loses_nothing_of_the_other_admins_work()
    {
        using var first = await _server.As(Users.Admin);
        using var second = await _server.As(SecondAdmin);
        var draft = await Http.Json(await first.PostAsJsonAsync("/api/workflow-drafts", new { xml = Shipped }), HttpStatusCode.Created);
        var theirs = Shipped.Replace("name=\"Collect documents\"", "name=\"Gather documents\"", StringComparison.Ordinal);
        await Http.Ensure(await second.PutAsJsonAsync($"/api/workflow-drafts/{Id(draft)}", new { xml = theirs, revision = Revision(draft) }), HttpStatusCode.OK);

        var stale = await Http.Problem(await first.PutAsJsonAsync($"/api/workflow-drafts/{Id(draft)}", new { xml = Shipped, revision = Revision(draft) }),
            HttpStatusCode.Conflict, "concurrency_conflict");

        Assert.Contains(SecondAdmin, stale.GetProperty("detail").GetString());
        var kept = await Http.Json(await first.GetAsync($"/api/workflow-drafts/{Id(draft)}"), HttpStatusCode.OK);
        Assert.Equal(theirs, kept.GetProperty("xml").GetString());
    }

    [Fact]
    public async Task Bad_drafts_are_refused_with_what_to_fix()
    {
        using var admin = await _server.As(Users.Admin);

        var malformed = await Http.Problem(await admin.PostAsJsonAsync("/api/workflow-drafts", new { xml = "<definitions>\n  <process id=\"x\">\n</definitions>" }),
            HttpStatusCode.UnprocessableEntity, "bpmn_invalid");
        Assert.True(malformed.GetProperty("diagnostics")[0].GetProperty("line").GetInt32() >= 1);

        var empty = await Http.Problem(await admin.PostAsJsonAsync("/api/workflow-drafts", new { xml = "  " }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(empty.GetProperty("errors").TryGetProperty("xml", out _));

        var draft = await Http.Json(await admin.PostAsJsonAsync("/api/workflow-drafts", new { xml = Shipped }), HttpStatusCode.Created);
        var limitChange = File.ReadAllText(RepositoryRoot.Combine("workflows", "credit-limit-change.bpmn"));
        var other = await Http.Problem(await admin.PutAsJsonAsync($"/api/workflow-drafts/{Id(draft)}", new { xml = limitChange, revision = Revision(draft) }),
            HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains(Process, other.GetProperty("errors").GetProperty("xml")[0].GetString());

        var undeclared = await admin.PostAsJsonAsync("/api/workflow-drafts", new { xml = Shipped, publishNow = true });
        await Http.Problem(undeclared, HttpStatusCode.BadRequest, "invalid_request");

        await Http.Problem(await admin.PostAsJsonAsync($"/api/workflow-drafts/{Guid.NewGuid()}/publish", new { revision = 1 }), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task With_four_eyes_publishing_off_one_admin_may_propose_and_publish()
    {
        await using var server = OnboardingServer.Start(new Dictionary<string, string?> { ["Workflow:Changes:FourEyesPublishing"] = "false" });
        using var admin = await server.As(Users.Admin);
        var changed = Shipped.Replace("name=\"Collect documents\"", "name=\"Collect all documents\"", StringComparison.Ordinal);
        var draft = await Http.Json(await admin.PostAsJsonAsync("/api/workflow-drafts", new { xml = changed }), HttpStatusCode.Created);
        var proposed = await Http.Json(await admin.PostAsJsonAsync($"/api/workflow-drafts/{Id(draft)}/propose", new { revision = Revision(draft) }), HttpStatusCode.OK);

        var published = await Http.Json(await admin.PostAsJsonAsync($"/api/workflow-drafts/{Id(draft)}/publish", new { revision = Revision(proposed) }), HttpStatusCode.OK);

        Assert.Equal("Published", published.GetProperty("draft").GetProperty("state").GetString());
    }

    private static Guid Id(JsonElement view) => view.GetProperty("draft").GetProperty("id").GetGuid();

    private static int Revision(JsonElement view) => view.GetProperty("draft").GetProperty("revision").GetInt32();

    private static int LineOf(string text, string marker) => text[..text.IndexOf(marker, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    private static async Task<int> LatestVersionAsync(HttpClient client)
    {
        var versions = await Http.Json(await client.GetAsync("/api/workflows/versions"), HttpStatusCode.OK);
        return versions.EnumerateArray().Where(v => v.GetProperty("key").GetString() == Process).Max(v => v.GetProperty("version").GetInt32());
    }
}
