using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Remediation;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>
/// Remediation through the API on the real server and workflows/risk-remediation.bpmn: a credit
/// manager opens the case and sends the plan, the decision task takes it, and every refusal is a
/// ProblemDetails with its code (and the field at fault).
/// </summary>
[Collection(HangfireHostCollection.Name)]
public sealed class RemediationApiFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;

    private DateOnly Today => DateOnly.FromDateTime(_server.Clock.GetUtcNow().UtcDateTime);

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start();
        await _server.SeedUsersAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_credit_manager_opens_the_case_sends_the_plan_and_decides_it()
    {
        var customer = await ReceivablesCustomers.AddAsync(_server, limit: 100_000m);
        using var mia = await _server.As(Users.Mia);
        var report = await Http.Json(await mia.PostAsJsonAsync("/api/receivables/import", new
        {
            rows = new object[]
            {
                new { kind = "Invoice", externalId = $"R-{customer.Id:N}", registrationNumber = customer.RegistrationNumber, currency = "CNY",
                    issueDate = Iso(Today.AddDays(-40)), dueDate = Iso(Today.AddDays(-10)), amount = 1000m },
            },
        }), HttpStatusCode.OK);
        Assert.Equal(0, report.GetProperty("refused").GetInt32());
        var path = $"/api/customers/{customer.Id}/remediation";

        var none = await Http.Json(await mia.GetAsync(path), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("case").ValueKind);
        var noReason = await Http.Problem(await mia.PostAsJsonAsync(path, new { reason = " " }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));

        var opened = await Http.Json(await mia.PostAsJsonAsync(path, new { reason = "collections failed" }), HttpStatusCode.Created);
        Assert.Equal(("Collection", 1000m), (opened.GetProperty("case").GetProperty("stage").GetString(), opened.GetProperty("case").GetProperty("debt").GetDecimal()));
        await Http.Problem(await mia.PostAsJsonAsync(path, new { reason = "again" }), HttpStatusCode.Conflict, "remediation_open");

        var past = await Http.Problem(await mia.PutAsJsonAsync($"{path}/plan", new { instalments = new[] { new { dueDate = Iso(Today), amount = 1000m } } }),
            HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(past.GetProperty("errors").TryGetProperty("instalments[0].dueDate", out _));
        var proposed = await Http.Json(await mia.PutAsJsonAsync($"{path}/plan", new
        {
            instalments = new[] { new { dueDate = Iso(Today.AddDays(30)), amount = 400m }, new { dueDate = Iso(Today.AddDays(60)), amount = 400m } },
        }), HttpStatusCode.OK);
        Assert.Equal(2, proposed.GetProperty("proposedPlan").GetArrayLength());

        var task = await _server.WithDbAsync(db => db.Set<WorkflowTaskEntity>()
            .SingleAsync(t => t.BusinessKey == customer.Id.ToString() && t.ElementId == RemediationProcess.Tasks.Decide && t.Status == "Open"));
        var shortPlan = await Http.Problem(await mia.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { variables = new { option = "paymentPlan" } }),
            HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("800.00", shortPlan.GetProperty("errors").GetProperty("instalments")[0].GetString());

        await Http.Json(await mia.PutAsJsonAsync($"{path}/plan", new
        {
            instalments = new[] { new { dueDate = Iso(Today.AddDays(30)), amount = 500m }, new { dueDate = Iso(Today.AddDays(60)), amount = 500m } },
        }), HttpStatusCode.OK);
        await Http.Json(await mia.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { variables = new { option = "paymentPlan" } }), HttpStatusCode.OK);
        var planned = await Http.Json(await mia.GetAsync(path), HttpStatusCode.OK);
        Assert.Equal(("PaymentPlan", "Suspended"), (planned.GetProperty("case").GetProperty("stage").GetString(), planned.GetProperty("customerStatus").GetString()));
        Assert.Equal(["Due", "Due"], planned.GetProperty("instalments").EnumerateArray().Select(i => i.GetProperty("state").GetString()));
        Assert.Equal(["PlanAgreement"], planned.GetProperty("letters").EnumerateArray().Select(l => l.GetProperty("kind").GetString()));

        // The letter is in the credit archive with its text as sent, and reading it is audited.
        var letterId = planned.GetProperty("letters")[0].GetProperty("id").GetGuid();
        var letter = await Http.Json(await mia.GetAsync($"{path}/letters/{letterId}"), HttpStatusCode.OK);
        Assert.Equal(("PlanAgreement", 1000m, "CNY"), (letter.GetProperty("kind").GetString(), letter.GetProperty("amount").GetDecimal(), letter.GetProperty("currency").GetString()));
        Assert.Contains(customer.Name, letter.GetProperty("body").GetString());
        Assert.Contains("500.00", letter.GetProperty("body").GetString());
        Assert.Equal(1, await _server.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(a => a.Action == "remediation-letter.read" && a.EntityId == letterId.ToString())));
        await Http.Problem(await mia.GetAsync($"{path}/letters/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
        var stranger = await ReceivablesCustomers.AddAsync(_server, limit: 1_000m);
        await Http.Problem(await mia.GetAsync($"/api/customers/{stranger.Id}/remediation/letters/{letterId}"), HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await mia.GetAsync($"/api/customers/{customer.Id}/letters/{letterId}"), HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await mia.PutAsJsonAsync($"{path}/plan", new { instalments = new[] { new { dueDate = Iso(Today.AddDays(30)), amount = 1000m } } }),
            HttpStatusCode.Conflict, "plan_fixed");

        var check = await Http.Json(await mia.GetAsync($"/api/customers/{customer.Id}/credit-check?amount=1"), HttpStatusCode.OK);
        var reasons = check.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Contains("customer_not_active", reasons);
        Assert.Contains("credit_hold", reasons);
    }

    [Fact]
    public async Task A_customer_who_owes_nothing_or_does_not_exist_gets_no_case()
    {
        var customer = await ReceivablesCustomers.AddAsync(_server, limit: 100_000m);
        using var mia = await _server.As(Users.Mia);

        await Http.Problem(await mia.PostAsJsonAsync($"/api/customers/{customer.Id}/remediation", new { reason = "why not" }), HttpStatusCode.Conflict, "nothing_owed");
        await Http.Problem(await mia.PostAsJsonAsync($"/api/customers/{Guid.NewGuid()}/remediation", new { reason = "nobody" }), HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await mia.PutAsJsonAsync($"/api/customers/{customer.Id}/remediation/plan", new { instalments = Array.Empty<object>() }),
            HttpStatusCode.Conflict, "no_remediation_case");
        Assert.Equal(0, await _server.WithDbAsync(db => db.Set<RemediationCase>().CountAsync(c => c.CustomerId == customer.Id)));
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
