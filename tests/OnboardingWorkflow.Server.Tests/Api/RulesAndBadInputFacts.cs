using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>Maker-checker, concurrent approvals, and bad input that must be refused with a problem and leave nothing behind.</summary>
[Collection(HangfireHostCollection.Name)]
public abstract class RulesAndBadInputFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;
    private Onboarding _flow = null!;

    /// <summary>Starts the server on the database this class of the suite runs on.</summary>
    protected abstract Task<OnboardingServer> StartServerAsync();

    public async Task InitializeAsync()
    {
        _server = await StartServerAsync();
        await _server.SeedUsersAsync();
        _flow = new Onboarding(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<Guid> ScoredAsync(CustomerProfile profile, string maker = Users.Sally)
    {
        var id = await _flow.SubmitAsync(maker, profile);
        await _flow.CollectDocumentsAsync(maker, id, profile);
        await _flow.ReviewAndDiligenceAsync(id, profile);
        return id;
    }

    [Fact]
    public async Task The_maker_can_never_approve_their_own_case_even_holding_an_approver_role()
    {
        using (var admin = await _server.As(Users.Admin))
        {
            await Http.Ensure(await admin.PostAsJsonAsync("/api/users", new { email = "dual@owf.test", password = OnboardingServer.Password, roles = new[] { "Sales", "CreditManager" } }), HttpStatusCode.Created);
        }

        var id = await ScoredAsync(Onboarding.Medium, "dual@owf.test");
        var task = await _flow.TaskIdAsync(id, "approveManager");
        await Http.Problem(await _flow.TryCompleteAsync("dual@owf.test", task, new { decision = "approve" }), HttpStatusCode.Forbidden, "maker_checker_violation");
        await Http.Problem(await _flow.TryCompleteAsync("dual@owf.test", task, new { decision = "reject" }), HttpStatusCode.Forbidden, "maker_checker_violation");
        Assert.Equal("Approval", (await _flow.DetailAsync(id)).GetProperty("application").GetProperty("stage").GetString());
        Assert.DoesNotContain((await _flow.DetailAsync(id)).GetProperty("decisions").EnumerateArray(), d => d.GetProperty("outcome").GetString() == "Approve");
    }

    [Fact]
    public async Task An_approval_task_needs_a_known_decision()
    {
        var id = await ScoredAsync(Onboarding.Low);
        var task = await _flow.TaskIdAsync(id, "approveAnalyst");
        var missing = await Http.Problem(await _flow.TryCompleteAsync(Users.Alan, task, new { comment = "no decision" }), HttpStatusCode.BadRequest, "task_contract_violation");
        Assert.True(missing.GetProperty("errors").TryGetProperty("decision", out _), missing.ToString());
        var unknown = await Http.Problem(await _flow.TryCompleteAsync(Users.Alan, task, new { decision = "maybe" }), HttpStatusCode.BadRequest, "task_contract_violation");
        Assert.Contains("approve", unknown.GetProperty("errors").GetProperty("decision")[0].GetString());
        Assert.Equal("Approval", (await _flow.DetailAsync(id)).GetProperty("application").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Two_managers_completing_the_same_task_at_once_one_wins_and_the_other_gets_409()
    {
        var id = await ScoredAsync(Onboarding.Medium);
        var task = await _flow.TaskIdAsync(id, "approveManager");
        using var mia = await _server.As(Users.Mia);
        using var max = await _server.As(Users.Max);
        var responses = await Task.WhenAll(
            mia.PostAsJsonAsync($"/api/tasks/{task}/complete", new { decision = "approve" }),
            max.PostAsJsonAsync($"/api/tasks/{task}/complete", new { decision = "approve" }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
        var code = (await loser.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString();
        Assert.Contains(code, new[] { "concurrency_conflict", "task_already_completed" });
        var approvals = (await _flow.DetailAsync(id)).GetProperty("decisions").EnumerateArray().Count(d => d.GetProperty("outcome").GetString() == "Approve");
        Assert.Equal(1, approvals);
    }

    [Fact]
    public async Task A_claimed_task_cannot_be_completed_by_another_member_of_the_group()
    {
        var id = await ScoredAsync(Onboarding.Medium);
        var task = await _flow.TaskIdAsync(id, "approveManager");
        using var mia = await _server.As(Users.Mia);
        await Http.Ensure(await mia.PostAsync($"/api/tasks/{task}/claim", null), HttpStatusCode.OK);
        using var max = await _server.As(Users.Max);
        await Http.Problem(await max.PostAsync($"/api/tasks/{task}/claim", null), HttpStatusCode.Conflict, "task_claimed");
        await Http.Problem(await _flow.TryCompleteAsync(Users.Max, task, new { decision = "approve" }), HttpStatusCode.Conflict, "task_claimed");
        var mine = await Http.Json(await mia.GetAsync("/api/tasks?mine=true"), HttpStatusCode.OK);
        Assert.Contains(mine.EnumerateArray(), t => t.GetProperty("id").GetString() == task);
    }

    [Fact]
    public async Task Task_lists_filter_by_group_and_overdue()
    {
        var id = await _flow.SubmitAsync(Users.Sally, Onboarding.Low);
        using var sally = await _server.As(Users.Sally);
        var mine = await Http.Json(await sally.GetAsync("/api/tasks?mine=true"), HttpStatusCode.OK);
        Assert.Contains(mine.EnumerateArray(), t => t.GetProperty("applicationId").GetString() == id.ToString() && t.GetProperty("elementId").GetString() == "collectDocuments");
        using var ana = await _server.As(Users.Ana);
        await Http.Problem(await ana.GetAsync("/api/tasks?group=CreditManager"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, (await Http.Json(await sally.GetAsync("/api/tasks?mine=true&overdue=true"), HttpStatusCode.OK)).GetArrayLength());
        _server.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        using var later = await _server.As(Users.Sally);
        Assert.Equal(1, (await Http.Json(await later.GetAsync("/api/tasks?mine=true&overdue=true"), HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Malformed_json_and_missing_fields_are_refused_and_nothing_is_stored()
    {
        using var sales = await _server.As(Users.Sally);
        var before = await _server.WithDbAsync(db => db.Set<OnboardingApplication>().CountAsync());

        var malformed = await sales.PostAsync("/api/applications", new StringContent("{\"name\": \"Acme\", ", Encoding.UTF8, "application/json"));
        await Http.Problem(malformed, HttpStatusCode.BadRequest, "invalid_request");
        var missing = await Http.Problem(await sales.PostAsJsonAsync("/api/applications", new { name = "Acme" }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(missing.GetProperty("errors").TryGetProperty("registrationNumber", out _));
        Assert.True(missing.GetProperty("errors").TryGetProperty("requestedLimit", out _));
        await Http.Problem(await sales.PostAsync("/api/applications", new StringContent("name=Acme", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await Http.Problem(await sales.PostAsJsonAsync("/api/applications", new { name = "Acme", registrationNumber = "X1", requestedLimit = -5 }), HttpStatusCode.BadRequest, "invalid_request");

        Assert.Equal(before, await _server.WithDbAsync(db => db.Set<OnboardingApplication>().CountAsync()));
        Assert.Equal(0, await _server.WithDbAsync(db => db.Set<Customer>().CountAsync(c => c.Name == "Acme")));
    }

    [Fact]
    public async Task Oversized_wrongly_typed_or_incomplete_uploads_are_refused_and_nothing_is_stored()
    {
        var id = await _flow.SubmitAsync(Users.Sally, Onboarding.Low);
        using var sales = await _server.As(Users.Sally);
        var url = $"/api/applications/{id}/documents";

        var big = new byte[70_000];
        "%PDF-"u8.CopyTo(big);
        await Http.Problem(await sales.PostAsync(url, Onboarding.Upload("BankReference", big)), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await Http.Problem(await sales.PostAsync(url, Onboarding.Upload("BankReference", "MZ\x90\0"u8.ToArray(), "application/x-msdownload", "tool.exe")), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await Http.Problem(await sales.PostAsync(url, Onboarding.Upload("BankReference", "hello"u8.ToArray(), "application/pdf", "fake.pdf")), HttpStatusCode.BadRequest, "invalid_request");
        var disguised = await Http.Problem(await sales.PostAsync(url, Onboarding.Upload("BankReference", "%PDF-1.7\n<html><script>x()</script></html>"u8.ToArray(), "application/pdf", "a.pdf")),
            HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(disguised.GetProperty("errors").TryGetProperty("file", out _));
        await Http.Problem(await sales.PostAsync(url, Onboarding.Upload("Passport", Onboarding.Pdf)), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await sales.PostAsync(url, Onboarding.Upload("BankReference", Onboarding.Pdf, expiry: "31/12/2030")), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await sales.PostAsJsonAsync(url, new { type = "BankReference" }), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await Http.Problem(await sales.PostAsync(url, Onboarding.Upload("SignedContract", Onboarding.Pdf)), HttpStatusCode.Conflict, "invalid_state");

        Assert.Equal(0, await _server.WithDbAsync(db => db.Set<Document>().CountAsync(d => d.ApplicationId == id)));
        var folder = Path.Combine(_server.DataDirectory, "documents", id.ToString("N"));
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0);

        var stored = await Http.Json(await sales.PostAsync(url, Onboarding.Upload("BankReference", Onboarding.Pdf)), HttpStatusCode.Created);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Onboarding.Pdf)), stored.GetProperty("contentHash").GetString());
    }

    [Fact]
    public async Task Invalid_statements_and_findings_are_refused_with_the_fields_at_fault()
    {
        var id = await _flow.SubmitAsync(Users.Sally, Onboarding.Low);
        using var sales = await _server.As(Users.Sally);
        var unbalanced = new { currency = "CNY", years = new[] { new { year = 2025, totalAssets = 100, totalLiabilities = 10, equity = 10 } } };
        var problem = await Http.Problem(await sales.PostAsJsonAsync($"/api/applications/{id}/financial-statements", unbalanced), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any());
        await Http.Problem(await sales.PostAsJsonAsync($"/api/applications/{id}/financial-statements", new[] { 1, 2 }), HttpStatusCode.BadRequest, "invalid_request");
        using var ana = await _server.As(Users.Ana);
        await Http.Problem(await ana.PostAsJsonAsync($"/api/applications/{id}/findings", new { kind = "Rumour", description = "x" }), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await ana.PostAsJsonAsync($"/api/applications/{Guid.NewGuid()}/findings", new { kind = "Litigation", description = "x" }), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, await _server.WithDbAsync(db => db.Set<FinancialStatementSet>().CountAsync(s => s.ApplicationId == id)));
    }

    [Fact]
    public async Task An_invalid_bpmn_deploy_returns_the_diagnostics_and_deploys_nothing()
    {
        using var admin = await _server.As(Users.Admin);
        var before = await Http.Json(await admin.GetAsync("/api/workflows"), HttpStatusCode.OK);
        const string broken = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="broken" isExecutable="true">
                <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="nowhere" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        var problem = await Http.Problem(await admin.PostAsync("/api/workflows", new StringContent(broken, Encoding.UTF8, "application/xml")), HttpStatusCode.UnprocessableEntity, "bpmn_invalid");
        Assert.Contains(problem.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("elementId").GetString() == "f1");
        await Http.Problem(await admin.PostAsync("/api/workflows", new StringContent("<not-closed", Encoding.UTF8, "application/xml")), HttpStatusCode.UnprocessableEntity, "bpmn_invalid");
        await Http.Problem(await admin.PostAsync("/api/workflows", new StringContent(broken, Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        var after = await Http.Json(await admin.GetAsync("/api/workflows"), HttpStatusCode.OK);
        Assert.Equal(before.ToString(), after.ToString());

        const string valid = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="tiny" isExecutable="true">
                <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        await Http.Ensure(await admin.PostAsync("/api/workflows", new StringContent(valid, Encoding.UTF8, "application/xml")), HttpStatusCode.Created);
        var xml = await admin.GetStringAsync("/api/workflows/tiny/versions/1/xml");
        Assert.Contains("id=\"tiny\"", xml);
        await Http.Problem(await admin.GetAsync("/api/workflows/tiny/versions/9/xml"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Unknown_ids_are_not_found_problems()
    {
        using var auditor = await _server.As(Users.Audrey);
        await Http.Problem(await auditor.GetAsync($"/api/applications/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await auditor.GetAsync($"/api/customers/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await auditor.GetAsync($"/api/workflow-instances/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await _flow.TryCompleteAsync(Users.Ana, "no-such-task", new { decision = "approve" }), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_negative_list_refuses_entries_without_an_identity_and_audits_reads_and_removals()
    {
        using var manager = await _server.As(Users.Mia);
        await Http.Problem(await manager.PostAsJsonAsync("/api/negative-list", new { reason = "fraud" }), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await manager.PostAsJsonAsync("/api/negative-list", new { name = "Shell Co" }), HttpStatusCode.BadRequest, "invalid_request");

        var added = await Http.Json(await manager.PostAsJsonAsync("/api/negative-list", new { name = "Shell Co", reason = "sanctions" }), HttpStatusCode.Created);
        var id = added.GetProperty("id").GetGuid();
        await Http.Ensure(await manager.DeleteAsync($"/api/negative-list/{id}"), HttpStatusCode.NoContent);
        await Http.Problem(await manager.DeleteAsync($"/api/negative-list/{id}"), HttpStatusCode.NotFound, "not_found");
        var list = await Http.Json(await manager.GetAsync("/api/negative-list"), HttpStatusCode.OK);

        Assert.DoesNotContain(list.EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
        var actions = await _server.WithDbAsync(db => db.Set<OnboardingWorkflow.Data.Domain.AuditEvent>()
            .Where(a => a.EntityType == "NegativeList").Select(a => a.Action).ToListAsync());
        Assert.Equal(["negative-list.added", "negative-list.read", "negative-list.removed"], actions.Order());
    }
}
