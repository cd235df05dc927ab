using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Dunning;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>
/// Life after activation through HTTP: the release of a credit hold by hand (who may, what input is
/// refused with which code, what is audited, and what the escalation case does next), the list of
/// holds and of open escalation cases, and the language of a customer's letters.
/// </summary>
[Collection(HangfireHostCollection.Name)]
public abstract class CreditHoldsApiFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;

    protected abstract Task<OnboardingServer> StartServerAsync();

    private DateOnly Today => DateOnly.FromDateTime(_server.Clock.GetUtcNow().UtcDateTime);

    public async Task InitializeAsync()
    {
        _server = await StartServerAsync();
        await _server.SeedUsersAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_credit_manager_releases_a_case_hold_with_a_reason_the_case_records_it_and_does_not_hold_again()
    {
        var customer = await ReceivablesCustomers.AddAsync(_server, limit: 10_000m);
        await ImportAsync(Invoice(customer, "INV-H1", 2000m, Today.AddDays(-40)));
        await SweepAsync();
        var hold = Assert.Single((await HoldsAsync(customer.Id)).EnumerateArray());
        var caseId = hold.GetProperty("caseId").GetGuid();
        var holdId = hold.GetProperty("id").GetGuid();
        Assert.Equal("Dunning", hold.GetProperty("source").GetString());
        var url = $"/api/customers/{customer.Id}/holds/{holdId}/release";

        foreach (var refused in new[] { Users.Sally, Users.Audrey, Users.Ana, Users.Rita })
        {
            using var client = await _server.As(refused);
            await Http.Problem(await client.PostAsJsonAsync(url, new { reason = "paid" }), HttpStatusCode.Forbidden, "forbidden");
        }

        using var mia = await _server.As(Users.Mia);
        var noReason = await Http.Problem(await mia.PostAsJsonAsync(url, new { reason = "  " }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        await Http.Problem(await mia.PostAsync(url, null), HttpStatusCode.BadRequest, "invalid_request");
        var control = await Http.Problem(await mia.PostAsJsonAsync(url, new { reason = "paid\u202Eevil" }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(control.GetProperty("errors").TryGetProperty("reason", out _));
        await Http.Problem(await mia.PostAsJsonAsync(url, new { reason = new string('x', 2001) }), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await mia.PostAsJsonAsync($"/api/customers/{customer.Id}/holds/{Guid.NewGuid()}/release", new { reason = "paid" }),
            HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await mia.PostAsJsonAsync($"/api/customers/{Guid.NewGuid()}/holds/{holdId}/release", new { reason = "paid" }),
            HttpStatusCode.NotFound, "not_found");
        var other = await ReceivablesCustomers.AddAsync(_server, limit: 10_000m);
        await Http.Problem(await mia.PostAsJsonAsync($"/api/customers/{other.Id}/holds/{holdId}/release", new { reason = "paid" }),
            HttpStatusCode.NotFound, "not_found");
        Assert.True((await HoldsAsync(customer.Id))[0].GetProperty("inForce").GetBoolean());

        var released = await Http.Json(await mia.PostAsJsonAsync(url, new { reason = "Paid by bank transfer, confirmed by phone" }), HttpStatusCode.OK);

        Assert.False(released.GetProperty("inForce").GetBoolean());
        Assert.Equal(Users.Mia, released.GetProperty("releasedBy").GetString());
        Assert.Equal("Paid by bank transfer, confirmed by phone", released.GetProperty("releaseReason").GetString());
        await Http.Problem(await mia.PostAsJsonAsync(url, new { reason = "again" }), HttpStatusCode.Conflict, "invalid_state");
        var audit = await _server.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking().Where(a => a.CustomerId == customer.Id).ToListAsync());
        Assert.Contains(audit, a => a.Action == "credit-hold.released" && a.EntityId == holdId.ToString() && a.Actor == Users.Mia
            && a.Detail == "Paid by bank transfer, confirmed by phone");
        Assert.Contains(audit, a => a.Action == "dunning.hold-released-by-hand" && a.EntityType == "DunningCase" && a.EntityId == caseId.ToString()
            && a.Detail!.Contains("Paid by bank transfer", StringComparison.Ordinal));
        var check = await Http.Json(await mia.GetAsync($"/api/customers/{customer.Id}/credit-check?amount=1"), HttpStatusCode.OK);
        Assert.DoesNotContain(check.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "credit_hold");

        // The case goes on to level 4 (legal hand-over) but does not hold the customer again.
        _server.Advance(TimeSpan.FromDays(30));
        await SweepAsync();
        var escalation = await Http.Json(await (await _server.As(Users.Mia)).GetAsync($"/api/customers/{customer.Id}/escalation"), HttpStatusCode.OK);
        Assert.Equal("Running", escalation.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(4, escalation.GetProperty("case").GetProperty("level").GetInt32());
        Assert.Contains(escalation.GetProperty("letters").EnumerateArray(), l => l.GetProperty("kind").GetString() == "LegalHandOver");
        var holds = await HoldsAsync(customer.Id);
        Assert.Single(holds.EnumerateArray());
        Assert.False(holds[0].GetProperty("inForce").GetBoolean());
    }

    [Fact]
    public async Task A_credit_manager_holds_an_account_by_hand_once_with_a_reason_and_only_a_person_releases_it()
    {
        var customer = await ReceivablesCustomers.AddAsync(_server, limit: 10_000m);
        var url = $"/api/customers/{customer.Id}/holds";

        foreach (var refused in new[] { Users.Sally, Users.Audrey, Users.Ana, Users.Rita })
        {
            using var client = await _server.As(refused);
            await Http.Problem(await client.PostAsJsonAsync(url, new { reason = "lawsuit" }), HttpStatusCode.Forbidden, "forbidden");
        }

        using var mia = await _server.As(Users.Mia);
        var noReason = await Http.Problem(await mia.PostAsJsonAsync(url, new { reason = " " }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        await Http.Problem(await mia.PostAsync(url, null), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await mia.PostAsJsonAsync(url, new { reason = new string('x', 2001) }), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await mia.PostAsJsonAsync(url, new { reason = "lawsuit", holdUntil = "2099-01-01" }), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await mia.PostAsJsonAsync($"/api/customers/{Guid.NewGuid()}/holds", new { reason = "lawsuit" }), HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await HoldsAsync(customer.Id)).EnumerateArray());

        var placed = await Http.Json(await mia.PostAsJsonAsync(url, new { reason = "Court summons reported by the bank" }), HttpStatusCode.Created);

        Assert.Equal("Manual", placed.GetProperty("source").GetString());
        Assert.True(placed.GetProperty("inForce").GetBoolean());
        Assert.Equal(Users.Mia, placed.GetProperty("placedBy").GetString());
        var check = await Http.Json(await mia.GetAsync($"/api/customers/{customer.Id}/credit-check?amount=1"), HttpStatusCode.OK);
        Assert.Contains(check.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "credit_hold");
        var twice = await Http.Problem(await mia.PostAsJsonAsync(url, new { reason = "again" }), HttpStatusCode.Conflict, "invalid_state");
        Assert.Contains("Court summons reported by the bank", twice.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single((await HoldsAsync(customer.Id)).EnumerateArray());
        var audit = await _server.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking().Where(a => a.CustomerId == customer.Id && a.Action == "credit-hold.placed").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(Users.Mia, entry.Actor);
        Assert.Contains("Court summons reported by the bank", entry.Detail, StringComparison.Ordinal);

        // No case releases it: an escalation that starts and clears leaves it standing; a person does.
        await ImportAsync(Invoice(customer, "INV-M1", 100m, Today.AddDays(-40)));
        await SweepAsync();
        await ImportAsync(
            new { kind = "Payment", externalId = "PAY-M1", registrationNumber = customer.RegistrationNumber, currency = "CNY", issueDate = Iso(Today), amount = 100m },
            new { kind = "PaymentAllocation", externalId = "PAY-M1", invoice = "INV-M1", amount = 100m });
        await SweepAsync();
        var holds = await HoldsAsync(customer.Id);
        Assert.Contains(holds.EnumerateArray(), h => h.GetProperty("source").GetString() == "Manual" && h.GetProperty("inForce").GetBoolean());
        Assert.DoesNotContain(holds.EnumerateArray(), h => h.GetProperty("source").GetString() == "Dunning" && h.GetProperty("inForce").GetBoolean());
        var holdId = placed.GetProperty("id").GetGuid();
        await Http.Json(await mia.PostAsJsonAsync($"{url}/{holdId}/release", new { reason = "Summons withdrawn" }), HttpStatusCode.OK);
        check = await Http.Json(await mia.GetAsync($"/api/customers/{customer.Id}/credit-check?amount=1"), HttpStatusCode.OK);
        Assert.DoesNotContain(check.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "credit_hold");
        // Released, it may be held by hand again; an exited customer may not.
        using (var admin = await _server.As(OnboardingServer.AdminEmail))
        {
            await Http.Json(await admin.PostAsJsonAsync(url, new { reason = "Second summons" }), HttpStatusCode.Created);
        }

        await _server.WithDbAsync(db => db.Set<Customer>().Where(c => c.Id == customer.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CustomerStatus.Exited)));
        var exited = await Http.Problem(await mia.PostAsJsonAsync(url, new { reason = "late" }), HttpStatusCode.Conflict, "invalid_state");
        Assert.Contains("Exited", exited.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Holds_in_force_are_listed_for_collections_readers_by_source_and_page()
    {
        var first = await ReceivablesCustomers.AddAsync(_server, limit: 10_000m);
        var second = await ReceivablesCustomers.AddAsync(_server, limit: 10_000m);
        await ImportAsync(Invoice(first, "INV-L1", 100m, Today.AddDays(-35)), Invoice(second, "INV-L2", 700m, Today.AddDays(-45)),
            Invoice(second, "INV-L3", 50m, Today.AddDays(-5)));
        await SweepAsync();

        using var sales = await _server.As(Users.Sally);
        await Http.Problem(await sales.GetAsync("/api/credit-holds"), HttpStatusCode.Forbidden, "forbidden");
        await Http.Problem(await sales.GetAsync("/api/escalation-cases"), HttpStatusCode.Forbidden, "forbidden");
        using var auditor = await _server.As(Users.Audrey);
        var page = await Http.Json(await auditor.GetAsync("/api/credit-holds?source=dunning&page=1&pageSize=1"), HttpStatusCode.OK);
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Single(page.GetProperty("items").EnumerateArray());
        var manual = await Http.Json(await auditor.GetAsync("/api/credit-holds?source=Manual"), HttpStatusCode.OK);
        Assert.Equal(0, manual.GetProperty("total").GetInt32());
        var badSource = await Http.Problem(await auditor.GetAsync("/api/credit-holds?source=%3Cscript%3E"), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(badSource.GetProperty("errors").TryGetProperty("source", out _));
        await Http.Problem(await auditor.GetAsync("/api/credit-holds?pageSize=1000"), HttpStatusCode.BadRequest, "invalid_request");

        var byOverdue = await Http.Json(await auditor.GetAsync("/api/escalation-cases?sort=overdue&desc=true"), HttpStatusCode.OK);
        var rows = byOverdue.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([second.Id, first.Id], rows.Select(r => r.GetProperty("customerId").GetGuid()));
        Assert.Equal(750m, rows[0].GetProperty("overdueAmount").GetDecimal());
        Assert.Equal(Iso(Today.AddDays(-45)), rows[0].GetProperty("oldestDueDate").GetString());
        var ascending = await Http.Json(await auditor.GetAsync("/api/escalation-cases?sort=OldestDue&desc=false&pageSize=1"), HttpStatusCode.OK);
        Assert.Equal(2, ascending.GetProperty("total").GetInt32());
        Assert.Equal(second.Id, ascending.GetProperty("items")[0].GetProperty("customerId").GetGuid());
        await Http.Problem(await auditor.GetAsync("/api/escalation-cases?sort=bogus"), HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task The_letter_language_is_set_by_the_owner_a_credit_manager_or_an_admin_and_letters_follow_it()
    {
        var customer = await ReceivablesCustomers.AddAsync(_server, limit: 10_000m);
        var url = $"/api/customers/{customer.Id}/language";

        using (var sam = await _server.As(Users.Sam))
        {
            await Http.Problem(await sam.PutAsJsonAsync(url, new { language = "zh-CN" }), HttpStatusCode.NotFound, "not_found");
        }

        foreach (var refused in new[] { Users.Audrey, Users.Ana, Users.Rita })
        {
            using var client = await _server.As(refused);
            await Http.Problem(await client.PutAsJsonAsync(url, new { language = "zh-CN" }), HttpStatusCode.Forbidden, "forbidden");
        }

        using var sally = await _server.As(Users.Sally);
        foreach (var bad in new[] { "fr", "zh", "", "zh-TW", "en-GB" })
        {
            var problem = await Http.Problem(await sally.PutAsJsonAsync(url, new { language = bad }), HttpStatusCode.BadRequest, "invalid_request");
            Assert.Contains("en, zh-CN", problem.GetProperty("errors").GetProperty("language")[0].GetString(), StringComparison.Ordinal);
        }

        await Http.Problem(await sally.PutAsync(url, new StringContent("{", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await sally.PutAsJsonAsync($"/api/customers/{Guid.NewGuid()}/language", new { language = "en" }), HttpStatusCode.NotFound, "not_found");

        var set = await Http.Json(await sally.PutAsJsonAsync(url, new { language = "ZH-cn" }), HttpStatusCode.OK);
        Assert.Equal("zh-CN", set.GetProperty("language").GetString());
        using (var admin = await _server.As(OnboardingServer.AdminEmail))
        {
            await Http.Json(await admin.PutAsJsonAsync(url, new { language = "en" }), HttpStatusCode.OK);
        }

        using var mia = await _server.As(Users.Mia);
        await Http.Json(await mia.PutAsJsonAsync(url, new { language = "zh-CN" }), HttpStatusCode.OK);
        var changes = await _server.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(a => a.CustomerId == customer.Id && a.Action == "customer.language-changed").OrderBy(a => a.Id).Select(a => a.Actor + ": " + a.Detail).ToListAsync());
        Assert.Equal([$"{Users.Sally}: default -> zh-CN", $"{OnboardingServer.AdminEmail}: zh-CN -> en", $"{Users.Mia}: en -> zh-CN"], changes);

        await ImportAsync(Invoice(customer, "INV-Z1", 300m, Today.AddDays(-2)));
        await SweepAsync();
        var escalation = await Http.Json(await mia.GetAsync($"/api/customers/{customer.Id}/escalation"), HttpStatusCode.OK);
        var letter = Assert.Single(escalation.GetProperty("letters").EnumerateArray());
        Assert.Equal("zh-CN", letter.GetProperty("language").GetString());
        var archived = await Http.Json(await mia.GetAsync($"/api/customers/{customer.Id}/letters/{letter.GetProperty("id").GetGuid()}"), HttpStatusCode.OK);
        Assert.Contains(customer.Name, archived.GetProperty("body").GetString(), StringComparison.Ordinal);
        await Http.Problem(await mia.GetAsync($"/api/customers/{customer.Id}/letters/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Invoice(Customer customer, string id, decimal amount, DateOnly due) => new
    {
        kind = "Invoice", externalId = id, registrationNumber = customer.RegistrationNumber, currency = "CNY", issueDate = Iso(due.AddDays(-30)),
        dueDate = Iso(due), amount,
    };

    private async Task ImportAsync(params object[] rows)
    {
        using var mia = await _server.As(Users.Mia);
        var report = await Http.Json(await mia.PostAsJsonAsync("/api/receivables/import", new { rows }), HttpStatusCode.OK);
        Assert.Equal(0, report.GetProperty("refused").GetInt32());
    }

    private async Task SweepAsync() => await _server.Services.GetRequiredService<EscalationSweep>().RunAsync(CancellationToken.None);

    private async Task<JsonElement> HoldsAsync(Guid customerId)
    {
        using var mia = await _server.As(Users.Mia);
        return await Http.Json(await mia.GetAsync($"/api/customers/{customerId}/holds"), HttpStatusCode.OK);
    }
}

/// <summary>Credit holds, escalation cases and letter language on the embedded default database.</summary>
public sealed class CreditHoldsApiOnSqliteFacts : CreditHoldsApiFacts
{
    protected override Task<OnboardingServer> StartServerAsync() => Task.FromResult(OnboardingServer.Start());
}

/// <summary>Credit holds, escalation cases and letter language on PostgreSQL.</summary>
public sealed class CreditHoldsApiOnPostgreSqlFacts : CreditHoldsApiFacts
{
    protected override Task<OnboardingServer> StartServerAsync() => OnboardingServer.StartOnPostgreSqlAsync();
}
