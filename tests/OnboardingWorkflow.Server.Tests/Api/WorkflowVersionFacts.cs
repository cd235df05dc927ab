using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>
/// The version history of the shipped onboarding flow: a version published from a draft lists its
/// publisher, comment and running cases, and the diff between versions (or a draft and a version)
/// shows the element the change added. Run on each database: the counts are a GROUP BY in SQL.
/// </summary>
public abstract class WorkflowVersionFacts : IAsyncLifetime
{
    private const string SecondAdmin = "second.admin@owf.test";
    private const string Process = "customerOnboarding";
    private static readonly string Shipped = File.ReadAllText(RepositoryRoot.Combine("workflows", "customer-onboarding.bpmn"));

    // A plain task wired in between the duplicate check and the screening: one element and one flow added, one flow re-targeted.
    private static readonly string WithIdentityCheck = Shipped
        .Replace("<bpmn:sequenceFlow id=\"notDuplicateFlow\" name=\"No\" sourceRef=\"duplicateGateway\" targetRef=\"screenApplicant\" />",
            "<bpmn:sequenceFlow id=\"notDuplicateFlow\" name=\"No\" sourceRef=\"duplicateGateway\" targetRef=\"confirmIdentity\" />\n"
            + "    <bpmn:task id=\"confirmIdentity\" name=\"Confirm identity\" />\n"
            + "    <bpmn:sequenceFlow id=\"toScreenApplicant\" sourceRef=\"confirmIdentity\" targetRef=\"screenApplicant\" />", StringComparison.Ordinal);

    private OnboardingServer _server = null!;

    protected abstract Task<OnboardingServer> StartServerAsync();

    public async Task InitializeAsync()
    {
        _server = await StartServerAsync();
        await _server.SeedUsersAsync();
        using var admin = await _server.As(Users.Admin);
        await Http.Ensure(await admin.PostAsJsonAsync("/api/users", new { email = SecondAdmin, password = OnboardingServer.Password, roles = new[] { "Admin" } }),
            HttpStatusCode.Created);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_version_published_from_a_draft_lists_its_publisher_comment_and_running_cases_and_diffs_against_the_one_before()
    {
        Assert.NotEqual(Shipped, WithIdentityCheck);
        using var author = await _server.As(Users.Admin);
        using var reviewer = await _server.As(SecondAdmin);
        var before = await LatestAsync(author);
        var id = await PublishAsync(author, reviewer, WithIdentityCheck, "Confirm the identity before screening");
        var flow = new Onboarding(_server);
        await flow.SubmitAsync(Users.Sally, Onboarding.Low);
        var cancelled = (await flow.DetailAsync(await flow.SubmitAsync(Users.Sally, Onboarding.Low))).GetProperty("application").GetProperty("instanceId").GetGuid();
        await Http.Ensure(await author.PostAsJsonAsync($"/api/workflow-instances/{cancelled}/cancel", new { reason = "Entered twice" }), HttpStatusCode.OK);

        using var auditor = await _server.As(Users.Audrey);
        var versions = await Http.Json(await auditor.GetAsync($"/api/workflows/{Process}/versions"), HttpStatusCode.OK);

        var newest = versions[0];
        Assert.Equal(before + 1, newest.GetProperty("version").GetInt32());
        Assert.Equal(SecondAdmin, newest.GetProperty("deployedBy").GetString());
        Assert.Equal("Confirm the identity before screening", newest.GetProperty("comment").GetString());
        Assert.Equal("draft", newest.GetProperty("source").GetString());
        Assert.Equal(id, newest.GetProperty("draftId").GetGuid());
        Assert.Equal(1, newest.GetProperty("running").GetInt32());
        Assert.Equal(1, newest.GetProperty("ended").GetInt32());
        Assert.Equal(0, newest.GetProperty("incidents").GetInt32());
        var shipped = versions.EnumerateArray().Single(v => v.GetProperty("version").GetInt32() == before);
        Assert.Equal("customer-onboarding.bpmn", shipped.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, shipped.GetProperty("draftId").ValueKind);
        Assert.Equal(Enumerable.Range(1, before + 1).Reverse(), versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));

        var diff = await Http.Json(await auditor.GetAsync($"/api/workflows/{Process}/diff?from={before}&to={before + 1}"), HttpStatusCode.OK);
        Assert.Equal($"version {before}", diff.GetProperty("fromLabel").GetString());
        Assert.Equal($"version {before + 1}", diff.GetProperty("toLabel").GetString());
        var changes = diff.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("elementId").GetString(), c.GetProperty("change").GetString())).ToList();
        Assert.Equal([("notDuplicateFlow", "changed"), ("confirmIdentity", "added"), ("toScreenApplicant", "added")], changes);
        var added = diff.GetProperty("changes")[1];
        Assert.Equal("Confirm identity", added.GetProperty("name").GetString());
        Assert.Equal("task", added.GetProperty("elementType").GetString());

        var same = await Http.Json(await auditor.GetAsync($"/api/workflows/{Process}/diff?from={before}&to={before}"), HttpStatusCode.OK);
        Assert.Equal(0, same.GetProperty("changes").GetArrayLength());
    }

    [Fact]
    public async Task A_version_deployed_through_the_api_lists_who_deployed_it()
    {
        using var admin = await _server.As(Users.Admin);
        var changed = Shipped.Replace("name=\"Collect documents\"", "name=\"Collect the papers\"", StringComparison.Ordinal);
        using var content = new StringContent(changed, Encoding.UTF8, "application/xml");
        content.Headers.Add("X-File-Name", "onboarding-hotfix.bpmn");
        await Http.Ensure(await admin.PostAsync("/api/workflows", content), HttpStatusCode.Created);

        var newest = (await Http.Json(await admin.GetAsync($"/api/workflows/{Process}/versions"), HttpStatusCode.OK))[0];

        Assert.Equal(Users.Admin, newest.GetProperty("deployedBy").GetString());
        Assert.Equal("onboarding-hotfix.bpmn", newest.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("comment").ValueKind);
    }

    [Fact]
    public async Task Unknown_versions_and_processes_are_404_naming_what_is_missing()
    {
        using var admin = await _server.As(Users.Admin);
        var latest = await LatestAsync(admin);

        var to = await Http.Problem(await admin.GetAsync($"/api/workflows/{Process}/diff?from={latest}&to=999"), HttpStatusCode.NotFound, "not_found");
        Assert.Contains("version 999", to.GetProperty("detail").GetString());
        Assert.Contains("'to'", to.GetProperty("detail").GetString());
        var from = await Http.Problem(await admin.GetAsync($"/api/workflows/{Process}/diff?from=0&to={latest}"), HttpStatusCode.NotFound, "not_found");
        Assert.Contains("'from'", from.GetProperty("detail").GetString());

        await Http.Problem(await admin.GetAsync("/api/workflows/noSuchProcess/versions"), HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await admin.GetAsync("/api/workflows/noSuchProcess/diff?from=1&to=1"), HttpStatusCode.NotFound, "not_found");
        var missing = await Http.Problem(await admin.GetAsync($"/api/workflows/{Process}/diff?from=1"), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(missing.GetProperty("errors").TryGetProperty("to", out _));
    }

    [Fact]
    public async Task A_draft_diffs_against_its_base_version_even_with_errors_and_only_for_admins()
    {
        using var admin = await _server.As(Users.Admin);
        var latest = await LatestAsync(admin);
        var broken = WithIdentityCheck.Replace("targetRef=\"screenApplicant\" />", "targetRef=\"noSuchTask\" />", StringComparison.Ordinal);
        var draft = await Http.Json(await admin.PostAsJsonAsync("/api/workflow-drafts", new { xml = broken }), HttpStatusCode.Created);
        Assert.True(draft.GetProperty("draft").GetProperty("errors").GetInt32() > 0);
        var id = draft.GetProperty("draft").GetProperty("id").GetGuid();

        var diff = await Http.Json(await admin.GetAsync($"/api/workflow-drafts/{id}/diff"), HttpStatusCode.OK);

        Assert.Equal($"version {latest}", diff.GetProperty("fromLabel").GetString());
        Assert.StartsWith("draft", diff.GetProperty("toLabel").GetString());
        var flow = diff.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("elementId").GetString() == "toScreenApplicant");
        Assert.Contains(flow.GetProperty("details").EnumerateArray(),
            d => d.GetProperty("attribute").GetString() == "targetRef" && d.GetProperty("after").GetString() == "noSuchTask");

        await Http.Problem(await admin.GetAsync($"/api/workflow-drafts/{id}/diff?against=999"), HttpStatusCode.NotFound, "not_found");
        foreach (var reader in new[] { Users.Audrey, Users.Mia })
        {
            using var client = await _server.As(reader);
            await Http.Problem(await client.GetAsync($"/api/workflow-drafts/{id}/diff"), HttpStatusCode.Forbidden, "forbidden");
        }
    }

    private static async Task<Guid> PublishAsync(HttpClient author, HttpClient reviewer, string xml, string comment)
    {
        var draft = await Http.Json(await author.PostAsJsonAsync("/api/workflow-drafts", new { xml, comment }), HttpStatusCode.Created);
        Assert.Equal(0, draft.GetProperty("draft").GetProperty("errors").GetInt32());
        var id = draft.GetProperty("draft").GetProperty("id").GetGuid();
        var proposed = await Http.Json(await author.PostAsJsonAsync($"/api/workflow-drafts/{id}/propose", new { revision = Revision(draft) }), HttpStatusCode.OK);
        await Http.Ensure(await reviewer.PostAsJsonAsync($"/api/workflow-drafts/{id}/publish", new { revision = Revision(proposed) }), HttpStatusCode.OK);
        return id;
    }

    private static int Revision(JsonElement view) => view.GetProperty("draft").GetProperty("revision").GetInt32();

    private static async Task<int> LatestAsync(HttpClient client)
    {
        var versions = await Http.Json(await client.GetAsync($"/api/workflows/{Process}/versions"), HttpStatusCode.OK);
        return versions[0].GetProperty("version").GetInt32();
    }
}

/// <summary>Version history on the embedded default database.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class WorkflowVersionOnSqliteFacts : WorkflowVersionFacts
{
    protected override Task<OnboardingServer> StartServerAsync() => Task.FromResult(OnboardingServer.Start());
}

/// <summary>Version history on PostgreSQL.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class WorkflowVersionOnPostgreSqlFacts : WorkflowVersionFacts
{
    protected override Task<OnboardingServer> StartServerAsync() => OnboardingServer.StartOnPostgreSqlAsync();
}
