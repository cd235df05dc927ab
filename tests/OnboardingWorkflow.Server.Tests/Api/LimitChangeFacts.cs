using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>Limit changes of an active customer through HTTP, from request to the new limit, on the real flow file.</summary>
[Collection(HangfireHostCollection.Name)]
public abstract class LimitChangeFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;
    private Onboarding _flow = null!;

    protected abstract Task<OnboardingServer> StartServerAsync();

    public async Task InitializeAsync()
    {
        _server = await StartServerAsync();
        await _server.SeedUsersAsync();
        _flow = new Onboarding(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<HttpResponseMessage> RequestAsync(string user, Guid customer, object body)
    {
        using var client = await _server.As(user);
        return await client.PostAsJsonAsync($"/api/customers/{customer}/limit-changes", body);
    }

    private async Task<JsonElement> CustomerAsync(Guid customer)
    {
        using var auditor = await _server.As(Users.Audrey);
        return await Http.Json(await auditor.GetAsync($"/api/customers/{customer}"), HttpStatusCode.OK);
    }

    private async Task<JsonElement> ChangeAsync(Guid change)
    {
        using var auditor = await _server.As(Users.Audrey);
        return await Http.Json(await auditor.GetAsync($"/api/limit-changes/{change}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_increase_runs_from_request_to_the_new_limit_with_its_history()
    {
        var customer = await _flow.ActiveCustomerAsync();
        var requested = await Http.Json(await RequestAsync(Users.Sally, customer, new { kind = "Increase", requestedLimit = 100_000, reason = "more orders expected" }),
            HttpStatusCode.Created);
        var changeId = requested.GetProperty("id").GetGuid();
        Assert.Equal(80_000m, requested.GetProperty("currentLimit").GetDecimal());
        Assert.True(requested.GetProperty("recommendedLimit").GetDecimal() >= 100_000m, requested.ToString());

        var task = await _flow.LimitTaskIdAsync(changeId, "approveLimitAnalyst");
        await Http.Ensure(await _flow.TryCompleteAsync(Users.Alan, task, new { decision = "approve", comment = "good payer" }), HttpStatusCode.OK);

        var change = await ChangeAsync(changeId);
        Assert.Equal("Approved", change.GetProperty("status").GetString());
        Assert.Equal(100_000m, change.GetProperty("approvedLimit").GetDecimal());
        var file = await CustomerAsync(customer);
        Assert.Equal(100_000m, file.GetProperty("profile").GetProperty("creditLimit").GetDecimal());
        var history = file.GetProperty("limitHistory").EnumerateArray().ToList();
        Assert.Equal(["Onboarding", "Increase"], history.Select(h => h.GetProperty("source").GetString()));
        Assert.Equal(80_000m, history[1].GetProperty("previousLimit").GetDecimal());
        Assert.Equal(Users.Alan, history[1].GetProperty("decidedBy").GetString());
        Assert.Contains("more orders expected", history[1].GetProperty("reason").GetString());
        var mails = await _server.WithDbAsync(db => db.Set<OutboxMessage>().ToListAsync());
        Assert.Contains(mails, m => m.To.Contains(Users.Sally) && m.Subject.StartsWith("Limit change") && m.Subject.EndsWith("approved"));
    }

    [Fact]
    public async Task An_approver_cannot_grant_more_than_asked_nor_beyond_the_authority_and_nothing_changes()
    {
        var customer = await _flow.ActiveCustomerAsync();
        var changeId = (await Http.Json(await RequestAsync(Users.Sally, customer, new { kind = "Increase", requestedLimit = 100_000, reason = "season" }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var task = await _flow.LimitTaskIdAsync(changeId, "approveLimitAnalyst");

        var tooMuch = await Http.Problem(await _flow.TryCompleteAsync(Users.Alan, task, new { decision = "approve", variables = new { approvedLimit = 50_000_000 } }),
            HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(tooMuch.GetProperty("errors").TryGetProperty("approvedLimit", out _), tooMuch.ToString());
        await Http.Problem(await _flow.TryCompleteAsync(Users.Alan, task, new { decision = "approve", variables = new { siteVisitThreshold = 1e15 } }),
            HttpStatusCode.BadRequest, "task_contract_violation");

        Assert.Equal("InProgress", (await ChangeAsync(changeId)).GetProperty("status").GetString());
        Assert.Equal(80_000m, (await CustomerAsync(customer)).GetProperty("profile").GetProperty("creditLimit").GetDecimal());
    }

    [Fact]
    public async Task Another_salesperson_cannot_request_and_an_active_customer_is_not_onboarded_twice()
    {
        var customer = await _flow.ActiveCustomerAsync();
        await Http.Problem(await RequestAsync(Users.Sam, customer, new { kind = "Increase", requestedLimit = 90_000, reason = "x" }), HttpStatusCode.NotFound, "not_found");
        var bad = await Http.Problem(await RequestAsync(Users.Sally, customer, new { kind = "Increase", requestedLimit = 70_000, reason = "" }),
            HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(bad.GetProperty("errors").TryGetProperty("requestedLimit", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("reason", out _));
        var large = await Http.Problem(await RequestAsync(Users.Sally, customer, new { kind = "Increase", requestedLimit = 500_000, reason = "big project" }),
            HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("required", large.GetProperty("errors").GetProperty("statements")[0].GetString());
        Assert.Empty(await _server.WithDbAsync(db => db.Set<LimitChangeRequest>().ToListAsync()));
    }

    [Fact]
    public async Task A_temporary_increase_ends_by_itself_after_its_last_day()
    {
        var customer = await _flow.ActiveCustomerAsync();
        var until = DateOnly.FromDateTime(_server.Clock.GetUtcNow().UtcDateTime).AddDays(10);
        var changeId = (await Http.Json(await RequestAsync(Users.Sally, customer,
            new { kind = "TemporaryIncrease", requestedLimit = 95_000, temporaryUntil = until.ToString("yyyy-MM-dd"), reason = "year-end peak" }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Http.Ensure(await _flow.TryCompleteAsync(Users.Alan, await _flow.LimitTaskIdAsync(changeId, "approveLimitAnalyst"), new { decision = "approve" }),
            HttpStatusCode.OK);
        var during = await CustomerAsync(customer);
        Assert.Equal(95_000m, during.GetProperty("profile").GetProperty("creditLimit").GetDecimal());
        Assert.Equal(until.ToString("yyyy-MM-dd"), during.GetProperty("profile").GetProperty("temporaryUntil").GetString());

        _server.Advance(TimeSpan.FromDays(5));
        await _server.RunDueJobsAsync();
        Assert.Equal(95_000m, (await CustomerAsync(customer)).GetProperty("profile").GetProperty("creditLimit").GetDecimal());

        _server.Advance(TimeSpan.FromDays(6));
        await _server.RunDueJobsAsync();
        var after = await CustomerAsync(customer);
        Assert.Equal(80_000m, after.GetProperty("profile").GetProperty("creditLimit").GetDecimal());
        Assert.Equal(["Onboarding", "TemporaryIncrease", "TemporaryEnded"],
            after.GetProperty("limitHistory").EnumerateArray().Select(h => h.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task A_suspension_is_decided_by_another_manager_and_a_reinstatement_lifts_it()
    {
        var customer = await _flow.ActiveCustomerAsync();
        var suspension = (await Http.Json(await RequestAsync(Users.Mia, customer, new { kind = "Suspension", reason = "payments 60 days late" }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var task = await _flow.LimitTaskIdAsync(suspension, "approveLimitManager");
        await Http.Problem(await _flow.TryCompleteAsync(Users.Mia, task, new { decision = "approve" }), HttpStatusCode.Forbidden, "maker_checker_violation");
        await Http.Ensure(await _flow.TryCompleteAsync(Users.Max, task, new { decision = "approve" }), HttpStatusCode.OK);
        Assert.Equal("Suspended", (await CustomerAsync(customer)).GetProperty("status").GetString());
        await Http.Problem(await RequestAsync(Users.Sally, customer, new { kind = "Increase", requestedLimit = 90_000, reason = "x" }), HttpStatusCode.Conflict, "invalid_state");

        var reinstatement = (await Http.Json(await RequestAsync(Users.Sally, customer, new { kind = "Reinstatement", reason = "paid in full" }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Http.Ensure(await _flow.TryCompleteAsync(Users.Mia, await _flow.LimitTaskIdAsync(reinstatement, "approveLimitManager"), new { decision = "approve" }),
            HttpStatusCode.OK);
        var file = await CustomerAsync(customer);
        Assert.Equal("Active", file.GetProperty("status").GetString());
        Assert.Equal(80_000m, file.GetProperty("profile").GetProperty("creditLimit").GetDecimal());
        Assert.Equal(["Onboarding", "Suspension", "Reinstatement"], file.GetProperty("limitHistory").EnumerateArray().Select(h => h.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task A_rejected_change_leaves_the_limit_and_tells_the_requester()
    {
        var customer = await _flow.ActiveCustomerAsync();
        var changeId = (await Http.Json(await RequestAsync(Users.Sally, customer, new { kind = "Decrease", requestedLimit = 50_000, reason = "less business" }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Http.Ensure(await _flow.TryCompleteAsync(Users.Alan, await _flow.LimitTaskIdAsync(changeId, "approveLimitAnalyst"),
            new { decision = "reject", comment = "keep it" }), HttpStatusCode.OK);
        Assert.Equal("Rejected", (await ChangeAsync(changeId)).GetProperty("status").GetString());
        Assert.Equal(80_000m, (await CustomerAsync(customer)).GetProperty("profile").GetProperty("creditLimit").GetDecimal());
        var mails = await _server.WithDbAsync(db => db.Set<OutboxMessage>().ToListAsync());
        Assert.Contains(mails, m => m.To.Contains(Users.Sally) && m.Subject.EndsWith("rejected") && m.Subject.StartsWith("Limit change"));
    }
}

/// <summary>Limit changes on the embedded default database.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class LimitChangeOnSqliteFacts : LimitChangeFacts
{
    protected override Task<OnboardingServer> StartServerAsync() => Task.FromResult(OnboardingServer.Start());
}

/// <summary>Limit changes on PostgreSQL.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class LimitChangeOnPostgreSqlFacts : LimitChangeFacts
{
    protected override Task<OnboardingServer> StartServerAsync() => OnboardingServer.StartOnPostgreSqlAsync();
}
