using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Dunning;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>
/// Life after activation, prepared fast for the dashboard's tests: active customers written to the
/// database (owned by Sally, with a limit), receivables imported as CSV through the API, and the
/// overdue-escalation sweep run as the daily job runs it.
/// </summary>
public sealed class Collections(OnboardingServer server)
{
    public const string CsvHeader = "kind,externalId,registrationNumber,currency,issueDate,dueDate,amount,invoice,status";

    public DateOnly Today => DateOnly.FromDateTime(server.Clock.GetUtcNow().UtcDateTime);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An active customer of Sally's with a limit, a contact address and the name given.</summary>
    public async Task<Customer> AddCustomerAsync(string name, decimal limit = 50_000m, string? language = null)
    {
        var now = server.Clock.GetUtcNow();
        var (customer, profile) = TestCustomers.Build(Users.Sally, now, limit, Today.AddYears(1));
        customer.Name = name;
        customer.ContactEmail = "ap@" + customer.RegistrationNumber.ToLowerInvariant() + ".test";
        customer.Language = language;
        await server.WithDbAsync(db =>
        {
            db.AddRange(customer, profile!);
            return db.SaveChangesAsync();
        });
        return customer;
    }

    /// <summary>An invoice row of the CSV: issued <paramref name="daysPastDue"/> + 30 days ago, due <paramref name="daysPastDue"/> days ago.</summary>
    public string Invoice(Customer customer, string reference, decimal amount, int daysPastDue) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Invoice,{reference},{customer.RegistrationNumber},CNY,{Iso(Today.AddDays(-daysPastDue - 30))},{Iso(Today.AddDays(-daysPastDue))},{amount:0.00},,");

    public static string Csv(params string[] rows) => string.Join("\r\n", [CsvHeader, .. rows]) + "\r\n";

    /// <summary>Imports CSV rows as a credit manager; every row must be accepted or unchanged.</summary>
    public async Task ImportAsync(params string[] rows)
    {
        using var mia = await server.As(Users.Mia);
        var report = await Http.Json(await mia.PostAsync("/api/receivables/import", new StringContent(Csv(rows), Encoding.UTF8, "text/csv")), HttpStatusCode.OK);
        Assert.Equal(0, report.GetProperty("refused").GetInt32());
    }

    /// <summary>The daily overdue escalation, run now.</summary>
    public async Task RunEscalationAsync() => await server.Services.GetRequiredService<EscalationSweep>().RunAsync(CancellationToken.None);

    /// <summary>A customer 40 days overdue, escalated to level 3: a running case, its credit hold and the hold letter.</summary>
    public async Task<(Customer Customer, Guid LetterId)> HeldCustomerAsync(string name)
    {
        var customer = await AddCustomerAsync(name);
        await ImportAsync(Invoice(customer, "INV-" + customer.RegistrationNumber[^6..] + "-1", 1234.5m, 40),
            Invoice(customer, "INV-" + customer.RegistrationNumber[^6..] + "-2", 800m, -10));
        await RunEscalationAsync();
        using var mia = await server.As(Users.Mia);
        var escalation = await Http.Json(await mia.GetAsync($"/api/customers/{customer.Id}/escalation"), HttpStatusCode.OK);
        Assert.Equal(3, escalation.GetProperty("case").GetProperty("level").GetInt32());
        return (customer, escalation.GetProperty("letters")[0].GetProperty("id").GetGuid());
    }

    /// <summary>The customer's holds through the API, as a credit manager reads them.</summary>
    public async Task<JsonElement> HoldsAsync(Guid customerId)
    {
        using var mia = await server.As(Users.Mia);
        return await Http.Json(await mia.GetAsync($"/api/customers/{customerId}/holds"), HttpStatusCode.OK);
    }
}
