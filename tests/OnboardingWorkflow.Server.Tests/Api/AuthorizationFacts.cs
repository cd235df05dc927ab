using System.Net;
using System.Net.Http.Json;
using System.Text;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>Every endpoint against every role: allowed ones pass authorization, the others get 403 forbidden, and nobody anonymous gets in.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class AuthorizationFacts : IAsyncLifetime
{
    private const string Sales = Users.Sally;
    private const string Analyst = Users.Ana;
    private const string Manager = Users.Mia;
    private const string Committee = Users.Rita;
    private const string Auditor = Users.Audrey;
    private const string Admin = Users.Admin;
    private const string Worker = Users.Walt;
    private static readonly string[] Everyone = [Sales, Analyst, Manager, Committee, Auditor, Admin, Worker];

    private OnboardingServer _server = null!;
    private Guid _application;
    private Guid _customer;
    private Guid _document;
    private Guid _instance;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start();
        await _server.SeedUsersAsync();
        var flow = new Onboarding(_server);
        _application = await flow.SubmitAsync(Users.Sally, Onboarding.Low);
        var detail = await flow.DetailAsync(_application);
        _customer = detail.GetProperty("application").GetProperty("customerId").GetGuid();
        _instance = detail.GetProperty("application").GetProperty("instanceId").GetGuid();
        using var sales = await _server.As(Users.Sally);
        var upload = await Http.Json(await sales.PostAsync($"/api/applications/{_application}/documents", Onboarding.Upload("BusinessLicence", Onboarding.Pdf)), HttpStatusCode.Created);
        _document = upload.GetProperty("id").GetGuid();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private sealed record Endpoint(string Name, HttpMethod Method, Func<AuthorizationFacts, string> Path, Func<HttpContent?> Body, string[] Allowed);

    private static readonly Endpoint[] Endpoints =
    [
        new("list users", HttpMethod.Get, _ => "/api/users", () => null, [Admin]),
        new("create user", HttpMethod.Post, _ => "/api/users", () => JsonContent.Create(new { }), [Admin]),
        new("read user", HttpMethod.Get, _ => "/api/users/none", () => null, [Admin]),
        new("disable user", HttpMethod.Post, _ => "/api/users/none/disable", () => null, [Admin]),
        new("enable user", HttpMethod.Post, _ => "/api/users/none/enable", () => null, [Admin]),
        new("set user roles", HttpMethod.Put, _ => "/api/users/none/roles", () => JsonContent.Create(new { roles = new[] { "Sales" } }), [Admin]),
        new("revoke user sessions", HttpMethod.Post, _ => "/api/users/none/revoke-sessions", () => null, [Admin]),
        new("read audit trail", HttpMethod.Get, _ => "/api/audit", () => null, [Auditor, Admin]),
        new("submit application", HttpMethod.Post, _ => "/api/applications", () => JsonContent.Create(new { }), [Sales]),
        new("list applications", HttpMethod.Get, _ => "/api/applications", () => null, [Sales, Analyst, Manager, Committee, Auditor]),
        new("read application", HttpMethod.Get, f => $"/api/applications/{f._application}", () => null, [Sales, Analyst, Manager, Committee, Auditor]),
        new("upload document", HttpMethod.Post, f => $"/api/applications/{f._application}/documents", () => new StringContent("x"), [Sales]),
        new("download document", HttpMethod.Get, f => $"/api/applications/{f._application}/documents/{f._document}", () => null, [Sales, Analyst, Manager, Committee, Auditor]),
        new("submit statements", HttpMethod.Post, f => $"/api/applications/{f._application}/financial-statements", () => JsonContent.Create(new { }), [Sales, Analyst]),
        new("record finding", HttpMethod.Post, f => $"/api/applications/{f._application}/findings", () => JsonContent.Create(new { }), [Analyst]),
        new("list tasks", HttpMethod.Get, _ => "/api/tasks", () => null, [Sales, Analyst, Manager, Committee, Auditor]),
        new("claim task", HttpMethod.Post, _ => "/api/tasks/none/claim", () => null, [Sales, Analyst, Manager, Committee]),
        new("complete task", HttpMethod.Post, _ => "/api/tasks/none/complete", () => JsonContent.Create(new { }), [Sales, Analyst, Manager, Committee]),
        new("count tasks", HttpMethod.Get, _ => "/api/tasks/counts", () => null, [Sales, Analyst, Manager, Committee, Auditor]),
        new("unclaim task", HttpMethod.Post, _ => "/api/tasks/none/unclaim", () => null, [Sales, Analyst, Manager, Committee]),
        new("delegate task", HttpMethod.Post, _ => "/api/tasks/none/delegate", () => JsonContent.Create(new { user = "x" }), [Sales, Analyst, Manager, Committee]),
        new("set task dates", HttpMethod.Put, _ => "/api/tasks/none/dates", () => JsonContent.Create(new { }), [Sales, Analyst, Manager, Committee]),
        new("list saved task filters", HttpMethod.Get, _ => "/api/tasks/filters", () => null, [Sales, Analyst, Manager, Committee, Auditor]),
        new("save task filter", HttpMethod.Post, _ => "/api/tasks/filters", () => JsonContent.Create(new { name = "f" }), [Sales, Analyst, Manager, Committee, Auditor]),
        new("read customer", HttpMethod.Get, f => $"/api/customers/{f._customer}", () => null, [Sales, Analyst, Manager, Committee, Auditor]),
        new("read negative list", HttpMethod.Get, _ => "/api/negative-list", () => null, [Manager, Committee, Admin, Auditor]),
        new("add to negative list", HttpMethod.Post, _ => "/api/negative-list", () => JsonContent.Create(new { }), [Manager, Admin]),
        new("remove from negative list", HttpMethod.Delete, _ => $"/api/negative-list/{Guid.Empty}", () => null, [Manager, Admin]),
        new("list workflows", HttpMethod.Get, _ => "/api/workflows", () => null, [Admin, Auditor, Manager]),
        new("deploy workflow", HttpMethod.Post, _ => "/api/workflows", () => new StringContent("<x/>", Encoding.UTF8, "text/plain"), [Admin]),
        new("workflow xml", HttpMethod.Get, _ => "/api/workflows/customerOnboarding/versions/1/xml", () => null, [Admin, Auditor, Manager]),
        new("workflow instance", HttpMethod.Get, f => $"/api/workflow-instances/{f._instance}", () => null, [Sales, Analyst, Manager, Committee, Auditor, Admin]),
        new("workflow instance diagram", HttpMethod.Get, f => $"/api/workflow-instances/{f._instance}/diagram", () => null, [Sales, Analyst, Manager, Committee, Auditor, Admin]),
        new("verify document", HttpMethod.Post, f => $"/api/applications/{f._application}/documents/{f._document}/verify", () => JsonContent.Create(new { }), [Analyst]),
        new("reject document", HttpMethod.Post, f => $"/api/applications/{f._application}/documents/{f._document}/reject", () => JsonContent.Create(new { }), [Analyst]),
        new("request limit change", HttpMethod.Post, f => $"/api/customers/{f._customer}/limit-changes", () => JsonContent.Create(new { }), [Sales, Manager]),
        new("read limit change", HttpMethod.Get, _ => $"/api/limit-changes/{Guid.Empty}", () => null, [Sales, Analyst, Manager, Committee, Auditor]),
        new("list incidents", HttpMethod.Get, _ => "/api/incidents", () => null, [Admin, Manager, Auditor]),
        new("broadcast signal", HttpMethod.Post, _ => "/api/signals", () => JsonContent.Create(new { name = "authorization-check" }), [Admin]),
        new("trigger receive task", HttpMethod.Post, f => $"/api/workflow-instances/{f._instance}/trigger", () => JsonContent.Create(new { elementId = "none" }), [Admin]),
        new("retry incident", HttpMethod.Post, f => $"/api/workflow-instances/{f._instance}/incidents/none/retry", () => null, [Admin]),
        new("list workflow versions", HttpMethod.Get, _ => "/api/workflows/versions", () => null, [Admin, Manager, Auditor]),
        new("version statistics", HttpMethod.Get, _ => "/api/workflows/none/versions/1/statistics", () => null, [Admin, Manager, Auditor]),
        new("process version list", HttpMethod.Get, _ => "/api/workflows/customerOnboarding/versions", () => null, [Admin, Auditor, Manager]),
        new("process version diff", HttpMethod.Get, _ => "/api/workflows/customerOnboarding/diff?from=1&to=1", () => null, [Admin, Auditor, Manager]),
        new("workflow draft diff", HttpMethod.Get, _ => $"/api/workflow-drafts/{Guid.Empty}/diff", () => null, [Admin]),
        new("list workflow instances", HttpMethod.Get, _ => "/api/workflow-instances", () => null, [Admin, Manager, Auditor]),
        new("cancel workflow instance", HttpMethod.Post, _ => $"/api/workflow-instances/{Guid.Empty}/cancel", () => JsonContent.Create(new { reason = "test" }), [Admin, Manager]),
        new("list workflow drafts", HttpMethod.Get, _ => "/api/workflow-drafts", () => null, [Admin]),
        new("create workflow draft", HttpMethod.Post, _ => "/api/workflow-drafts", () => JsonContent.Create(new { }), [Admin]),
        new("start workflow draft from a version", HttpMethod.Post, _ => "/api/workflow-drafts/from-version", () => JsonContent.Create(new { }), [Admin]),
        new("save workflow draft", HttpMethod.Put, _ => $"/api/workflow-drafts/{Guid.Empty}", () => JsonContent.Create(new { revision = 0 }), [Admin]),
        new("publish workflow draft", HttpMethod.Post, _ => $"/api/workflow-drafts/{Guid.Empty}/publish", () => JsonContent.Create(new { revision = 0 }), [Admin]),
        new("preview workflow migration", HttpMethod.Post, _ => "/api/workflow-migrations/preview", () => JsonContent.Create(new { processKey = "none", fromVersion = 1, toVersion = 2 }), [Admin]),
        new("start workflow migration", HttpMethod.Post, _ => "/api/workflow-migrations", () => JsonContent.Create(new { processKey = "none", fromVersion = 1, toVersion = 2 }), [Admin]),
        new("read workflow migration", HttpMethod.Get, _ => $"/api/workflow-migrations/{Guid.Empty}", () => null, [Admin]),
        new("list workflow migrations", HttpMethod.Get, _ => "/api/workflow-migrations", () => null, [Admin]),
        new("import receivables", HttpMethod.Post, _ => "/api/receivables/import", () => JsonContent.Create(new { rows = Array.Empty<object>() }), [Manager, Admin]),
        new("read customer receivables", HttpMethod.Get, f => $"/api/customers/{f._customer}/receivables", () => null, [Sales, Analyst, Manager, Committee, Auditor]),
        new("credit check", HttpMethod.Get, f => $"/api/customers/{f._customer}/credit-check?amount=1", () => null, [Sales, Manager, Admin]),
        new("read customer escalation", HttpMethod.Get, f => $"/api/customers/{f._customer}/escalation", () => null, [Sales, Analyst, Manager, Committee, Auditor]),
        new("promise to pay", HttpMethod.Post, f => $"/api/customers/{f._customer}/promise-to-pay", () => JsonContent.Create(new { date = "2026-03-10" }), [Sales, Manager]),
        new("read customer reviews", HttpMethod.Get, f => $"/api/customers/{f._customer}/reviews", () => null, [Sales, Analyst, Manager, Committee, Auditor]),
        new("send review statements", HttpMethod.Post, f => $"/api/customers/{f._customer}/reviews/statements", () => JsonContent.Create(new { }), [Sales, Analyst]),
        new("read customer remediation", HttpMethod.Get, f => $"/api/customers/{f._customer}/remediation", () => null, [Sales, Analyst, Manager, Committee, Auditor]),
        new("open remediation", HttpMethod.Post, f => $"/api/customers/{f._customer}/remediation", () => JsonContent.Create(new { }), [Manager]),
        new("read remediation letter", HttpMethod.Get, f => $"/api/customers/{f._customer}/remediation/letters/{Guid.Empty}", () => null, [Sales, Analyst, Manager, Committee, Auditor]),
        new("read dunning letter", HttpMethod.Get, f => $"/api/customers/{f._customer}/letters/{Guid.Empty}", () => null, [Sales, Analyst, Manager, Committee, Auditor]),
        new("send payment plan", HttpMethod.Put, f => $"/api/customers/{f._customer}/remediation/plan", () => JsonContent.Create(new { }), [Manager]),
        new("report csv", HttpMethod.Get, _ => "/api/reports/funnel.csv", () => null, [Analyst, Manager, Committee, Auditor, Admin]),
        new("prometheus metrics", HttpMethod.Get, _ => "/metrics", () => null, [Admin]),
        new("fetch and lock external tasks", HttpMethod.Post, _ => "/api/external-tasks/fetch-and-lock", () => JsonContent.Create(new { }), [Worker, Admin]),
        new("complete external task", HttpMethod.Post, _ => "/api/external-tasks/none/complete", () => JsonContent.Create(new { workerId = "w" }), [Worker, Admin]),
        new("report external task failure", HttpMethod.Post, _ => "/api/external-tasks/none/failure", () => JsonContent.Create(new { }), [Worker, Admin]),
        new("throw external task bpmn error", HttpMethod.Post, _ => "/api/external-tasks/none/bpmnError", () => JsonContent.Create(new { }), [Worker, Admin]),
        new("extend external task lock", HttpMethod.Post, _ => "/api/external-tasks/none/extendLock", () => JsonContent.Create(new { }), [Worker, Admin]),
        new("unlock external task", HttpMethod.Post, _ => "/api/external-tasks/none/unlock", () => JsonContent.Create(new { workerId = "w" }), [Worker, Admin]),
        new("list external tasks", HttpMethod.Get, _ => "/api/external-tasks", () => null, [Admin, Auditor]),
    ];

    public static TheoryData<string> EndpointNames() => [.. Endpoints.Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(EndpointNames))]
    public async Task Each_role_is_allowed_or_refused_as_the_policy_says(string name)
    {
        var endpoint = Endpoints.Single(e => e.Name == name);
        using (var anonymous = _server.Anonymous())
        {
            var response = await anonymous.SendAsync(new HttpRequestMessage(endpoint.Method, endpoint.Path(this)) { Content = endpoint.Body() });
            await Http.Problem(response, HttpStatusCode.Unauthorized, "unauthorized");
        }

        foreach (var user in Everyone)
        {
            using var client = await _server.As(user);
            var response = await client.SendAsync(new HttpRequestMessage(endpoint.Method, endpoint.Path(this)) { Content = endpoint.Body() });
            if (endpoint.Allowed.Contains(user))
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    $"{user} should pass authorization on {name}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            else
            {
                await Http.Problem(response, HttpStatusCode.Forbidden, "forbidden");
            }
        }
    }

    [Fact]
    public async Task An_unmapped_path_is_denied_and_health_and_docs_are_open()
    {
        using var anonymous = _server.Anonymous();
        await Http.Problem(await anonymous.GetAsync("/api/nothing-here"), HttpStatusCode.Unauthorized, "unauthorized");
        await Http.Ensure(await anonymous.GetAsync("/health/live"), HttpStatusCode.OK);
        var openApi = await anonymous.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/applications/{id}/documents", openApi);
        Assert.Contains("/api/tasks/{id}/complete", openApi);
        var docs = await anonymous.GetStringAsync("/docs/index.html");
        Assert.Contains("swagger-ui", docs);
        // Everything the page loads comes from this server.
        Assert.DoesNotContain("src=\"http", docs);
        Assert.DoesNotContain("href=\"http", docs);
        Assert.Contains("/openapi/v1.json", await anonymous.GetStringAsync("/docs/index.js"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_invalid_credentials()
    {
        using var anonymous = _server.Anonymous();
        await Http.Problem(await anonymous.PostAsJsonAsync("/api/auth/login", new { email = Users.Sally, password = "wrong-password" }), HttpStatusCode.Unauthorized, "invalid_credentials");
        await Http.Problem(await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "nobody@owf.test", password = "x" }), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Another_sales_person_does_not_see_the_application_and_cannot_upload_to_it()
    {
        using var sam = await _server.As(Users.Sam);
        await Http.Problem(await sam.GetAsync($"/api/applications/{_application}"), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, (await Http.Json(await sam.GetAsync("/api/applications"), HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Downloads_and_reads_by_the_auditor_are_audited()
    {
        using var auditor = await _server.As(Users.Audrey);
        var bytes = await (await auditor.GetAsync($"/api/applications/{_application}/documents/{_document}")).Content.ReadAsByteArrayAsync();
        Assert.Equal(Onboarding.Pdf, bytes);
        await Http.Ensure(await auditor.GetAsync($"/api/customers/{_customer}"), HttpStatusCode.OK);
        var actions = await _server.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            Queryable.Select(Queryable.Where(db.Set<OnboardingWorkflow.Data.Domain.AuditEvent>(), e => e.Actor == Users.Audrey), e => e.Action)));
        Assert.Contains("document.downloaded", actions);
        Assert.Contains("customer.read", actions);
    }
}
