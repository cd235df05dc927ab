using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>The receivables endpoints through HTTP: import as JSON and CSV, the customer's receivables, the credit check, and their problems.</summary>
[Collection(HangfireHostCollection.Name)]
public abstract class ReceivablesApiFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;
    private Customer _customer = null!;

    protected abstract Task<OnboardingServer> StartServerAsync();

    public async Task InitializeAsync()
    {
        _server = await StartServerAsync();
        await _server.SeedUsersAsync();
        _customer = await ReceivablesCustomers.AddAsync(_server, limit: 10_000m);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Csv(params string[] lines) =>
        string.Join("\r\n", ["kind,externalId,registrationNumber,currency,issueDate,dueDate,amount,invoice,status", .. lines]) + "\r\n";

    private static StringContent CsvContent(string csv) => new(csv, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task Rows_imported_as_json_are_unchanged_as_csv_and_show_in_the_ageing_and_the_credit_check()
    {
        var reg = _customer.RegistrationNumber;
        using var manager = await _server.As(Users.Mia);
        var json = await Http.Json(await manager.PostAsJsonAsync("/api/receivables/import", new
        {
            rows = new object[]
            {
                new { kind = "Invoice", externalId = "INV-1", registrationNumber = reg, currency = "CNY", issueDate = "2026-01-01", dueDate = "2026-01-31", amount = 3000 },
                new { kind = "Payment", externalId = "PAY-1", registrationNumber = reg, currency = "CNY", issueDate = "2026-02-01", amount = 1000.5 },
                new { kind = "PaymentAllocation", externalId = "PAY-1", invoice = "INV-1", amount = 1000.5 },
                new { kind = "Order", externalId = "ORD-1", registrationNumber = reg, currency = "CNY", issueDate = "2026-03-01", amount = 4000, status = "Open" },
                new { kind = "Invoice", externalId = "INV-2", registrationNumber = "UNKNOWN", currency = "CNY", issueDate = "2026-01-01", dueDate = "2026-01-31", amount = 1 },
            },
        }), HttpStatusCode.OK);
        var csv = await Http.Json(await manager.PostAsync("/api/receivables/import", CsvContent(Csv(
            $"Invoice,INV-1,{reg},CNY,2026-01-01,2026-01-31,3000.00,,",
            $"Payment,PAY-1,{reg},CNY,2026-02-01,,1000.50,,",
            "PaymentAllocation,PAY-1,,,,,1000.5,INV-1,",
            $"Order,ORD-1,{reg},CNY,2026-03-01,,4000,,Open"))), HttpStatusCode.OK);

        Assert.Equal(["accepted", "accepted", "accepted", "accepted", "refused"], Outcomes(json));
        Assert.Equal("unknown_customer", json.GetProperty("results")[4].GetProperty("code").GetString());
        Assert.Equal(["unchanged", "unchanged", "unchanged", "unchanged"], Outcomes(csv));

        using var auditor = await _server.As(Users.Audrey);
        var receivables = await Http.Json(await auditor.GetAsync($"/api/customers/{_customer.Id}/receivables?asOf=2026-03-02"), HttpStatusCode.OK);
        Assert.Equal([0m, 1999.5m, 0m, 0m, 0m], receivables.GetProperty("ageing").EnumerateArray().Select(b => b.GetProperty("amount").GetDecimal()));
        Assert.Equal(5999.5m, receivables.GetProperty("position").GetProperty("exposure").GetDecimal());
        Assert.Equal("INV-1", receivables.GetProperty("openItems").GetProperty("items")[0].GetProperty("externalId").GetString());

        using var sales = await _server.As(Users.Sally);
        var atTheLimit = await Http.Json(await sales.GetAsync($"/api/customers/{_customer.Id}/credit-check?amount=4000.5"), HttpStatusCode.OK);
        var aboveIt = await Http.Json(await sales.GetAsync($"/api/customers/{_customer.Id}/credit-check?amount=4000.51"), HttpStatusCode.OK);
        // The invoice is 30 days past due: beyond the default tolerance of 5 days and 0.00.
        Assert.Equal("block", atTheLimit.GetProperty("decision").GetString());
        Assert.Equal(["overdue_beyond_tolerance"], Codes(atTheLimit));
        Assert.Equal(["over_limit", "overdue_beyond_tolerance"], Codes(aboveIt));
    }

    [Fact]
    public async Task An_order_of_a_customer_in_good_standing_is_allowed()
    {
        using var sales = await _server.As(Users.Sally);
        var result = await Http.Json(await sales.GetAsync($"/api/customers/{_customer.Id}/credit-check?amount=10000"), HttpStatusCode.OK);

        Assert.Equal("allow", result.GetProperty("decision").GetString());
        Assert.Equal(0, result.GetProperty("reasons").GetArrayLength());
        Assert.Equal(10_000m, result.GetProperty("available").GetDecimal());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_with_a_stable_code()
    {
        using var manager = await _server.As(Users.Mia);
        var unknownProperty = await Http.Problem(await manager.PostAsync("/api/receivables/import",
            new StringContent("""{"rows":[{"kind":"Invoice","colour":"red"}]}""", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("colour", unknownProperty.GetProperty("detail").GetString());
        var textAmount = await Http.Problem(await manager.PostAsync("/api/receivables/import",
            new StringContent("""{"rows":[{"kind":"Invoice","amount":"twelve"}]}""", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("amount", textAmount.GetProperty("detail").GetString());
        await Http.Problem(await manager.PostAsync("/api/receivables/import", new StringContent("{}", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await manager.PostAsync("/api/receivables/import", new StringContent("x", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        var column = await Http.Problem(await manager.PostAsync("/api/receivables/import", CsvContent("kind,externalId,colour\r\nInvoice,1,red\r\n")),
            HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("The column 'colour' is not known", column.GetProperty("detail").GetString());
        var rows = string.Join("", Enumerable.Range(0, 5001).Select(i => $"Order,O{i},R,CNY,2026-01-01,,1,,Open\n"));
        await Http.Problem(await manager.PostAsync("/api/receivables/import", CsvContent(Csv() + rows)), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");

        using var sales = await _server.As(Users.Sally);
        var noAmount = await Http.Problem(await sales.GetAsync($"/api/customers/{_customer.Id}/credit-check"), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(noAmount.GetProperty("errors").TryGetProperty("amount", out _), noAmount.ToString());
        await Http.Problem(await sales.GetAsync($"/api/customers/{_customer.Id}/credit-check?amount=abc"), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await sales.GetAsync($"/api/customers/{Guid.NewGuid()}/credit-check?amount=1"), HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await sales.GetAsync($"/api/customers/{_customer.Id}/receivables?pageSize=500"), HttpStatusCode.BadRequest, "invalid_request");

        using var otherSales = await _server.As(Users.Sam);
        await Http.Problem(await otherSales.GetAsync($"/api/customers/{_customer.Id}/receivables"), HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await otherSales.GetAsync($"/api/customers/{_customer.Id}/credit-check?amount=1"), HttpStatusCode.NotFound, "not_found");
    }

    private static IEnumerable<string?> Outcomes(JsonElement report) => report.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("outcome").GetString());

    private static IEnumerable<string?> Codes(JsonElement check) => check.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString());
}

/// <summary>The receivables endpoints on the embedded default database.</summary>
public sealed class ReceivablesApiOnSqliteFacts : ReceivablesApiFacts
{
    protected override Task<OnboardingServer> StartServerAsync() => Task.FromResult(OnboardingServer.Start());
}

/// <summary>The receivables endpoints on PostgreSQL.</summary>
public sealed class ReceivablesApiOnPostgreSqlFacts : ReceivablesApiFacts
{
    protected override Task<OnboardingServer> StartServerAsync() => OnboardingServer.StartOnPostgreSqlAsync();
}
