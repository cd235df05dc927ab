using System.Net;
using System.Net.Http.Json;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>The operations endpoints: per-element statistics, the instance list, cancelling with a reason, and report CSVs with guarded cells.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class OperationsFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;
    private Onboarding _flow = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start();
        await _server.SeedUsersAsync();
        _flow = new Onboarding(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Statistics_count_the_waiting_documents_step_and_the_list_finds_the_instance_by_business_key()
    {
        var first = await _flow.SubmitAsync(Users.Sally, Onboarding.Low);
        await _flow.SubmitAsync(Users.Sally, Onboarding.Low);
        using var manager = await _server.As(Users.Mia);

        var versions = await Http.Json(await manager.GetAsync("/api/workflows/versions"), HttpStatusCode.OK);
        var onboarding = versions.EnumerateArray().First(v => v.GetProperty("key").GetString() == "customerOnboarding");
        var version = onboarding.GetProperty("version").GetInt32();
        var stats = await Http.Json(await manager.GetAsync($"/api/workflows/customerOnboarding/versions/{version}/statistics"), HttpStatusCode.OK);
        var collect = stats.GetProperty("elements").EnumerateArray().Single(e => e.GetProperty("elementId").GetString() == "collectDocuments");
        Assert.Equal(2, collect.GetProperty("waitingTokens").GetInt32());
        Assert.Equal(0, collect.GetProperty("openIncidents").GetInt32());

        var list = await Http.Json(await manager.GetAsync($"/api/workflow-instances?businessKey={first}&hasIncident=false"), HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        await Http.Problem(await manager.GetAsync("/api/workflows/customerOnboarding/versions/999/statistics"), HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await manager.GetAsync("/api/workflow-instances?status=Sleeping"), HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Cancel_needs_a_reason_withdraws_the_application_and_refuses_a_second_time()
    {
        var id = await _flow.SubmitAsync(Users.Sally, Onboarding.Low);
        var instance = (await _flow.DetailAsync(id)).GetProperty("application").GetProperty("instanceId").GetGuid();
        using var manager = await _server.As(Users.Mia);

        await Http.Problem(await manager.PostAsJsonAsync($"/api/workflow-instances/{instance}/cancel", new { reason = " " }), HttpStatusCode.BadRequest, "invalid_request");
        var cancelled = await Http.Json(await manager.PostAsJsonAsync($"/api/workflow-instances/{instance}/cancel", new { reason = "customer withdrew by phone" }), HttpStatusCode.OK);
        Assert.Equal("Terminated", cancelled.GetProperty("status").GetString());

        var detail = await _flow.DetailAsync(id);
        Assert.Equal("Withdrawn", detail.GetProperty("application").GetProperty("status").GetString());
        using var auditor = await _server.As(Users.Audrey);
        var state = await Http.Json(await auditor.GetAsync($"/api/workflow-instances/{instance}"), HttpStatusCode.OK);
        Assert.Contains(state.GetProperty("history").EnumerateArray(),
            h => h.GetProperty("event").GetString() == "instanceTerminated" && h.GetProperty("detail").GetString() == "customer withdrew by phone");
        var audit = await Http.Json(await (await _server.As(Users.Admin)).GetAsync($"/api/audit?entityType=WorkflowInstance&entityId={instance}"), HttpStatusCode.OK);
        Assert.Contains("instance.cancelled", audit.ToString());

        await Http.Problem(await manager.PostAsJsonAsync($"/api/workflow-instances/{instance}/cancel", new { reason = "again" }), HttpStatusCode.Conflict, "invalid_state");
    }

    [Fact]
    public async Task Report_csv_quotes_cells_and_defuses_formulas_for_report_readers_only()
    {
        var registration = "91FORMULA" + Guid.NewGuid().ToString("N")[..6];
        using (var manager = await _server.As(Users.Mia))
        {
            await Http.Ensure(await manager.PostAsJsonAsync("/api/negative-list", new { registrationNumber = registration, reason = "=HYPERLINK(\"x\",\"y\"), fraud" }), HttpStatusCode.Created);
        }

        await _flow.SubmitAsync(Users.Sally, Onboarding.Low, registration: registration);

        using var auditor = await _server.As(Users.Audrey);
        var response = await auditor.GetAsync("/api/reports/rejections.csv");
        await Http.Ensure(response, HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("outcome,element,reason,decisions\r\n", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\"), fraud\",1\r\n", csv, StringComparison.Ordinal);

        var noData = await (await auditor.GetAsync("/api/reports/default-rate.csv")).Content.ReadAsStringAsync();
        Assert.Contains("no data yet", noData, StringComparison.Ordinal);
        await Http.Problem(await auditor.GetAsync("/api/reports/secrets.csv"), HttpStatusCode.NotFound, "not_found");
        using var sales = await _server.As(Users.Sally);
        await Http.Problem(await sales.GetAsync("/api/reports/rejections.csv"), HttpStatusCode.Forbidden, "forbidden");
    }
}
