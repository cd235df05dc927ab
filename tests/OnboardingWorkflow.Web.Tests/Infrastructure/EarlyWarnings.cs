using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.EarlyWarning;
using OnboardingWorkflow.Application.Reviews;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>
/// Early warnings for the dashboard's tests, made through the real use cases: orders imported as
/// CSV through the API, then the morning's jobs run as Hangfire runs them (the early warning,
/// then the periodic review that opens what it asked for). Each job runs once per day and
/// database, so a test class prepares all its customers first and runs the jobs once.
/// </summary>
public sealed class EarlyWarnings(OnboardingServer server)
{
    private Collections Collections => new(server);

    /// <summary>An order row of the CSV, dated <paramref name="daysAgo"/> days ago, delivered.</summary>
    public string Order(Customer customer, string reference, decimal amount, int daysAgo) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Order,{reference},{customer.RegistrationNumber},CNY,{Collections.Iso(Collections.Today.AddDays(-daysAgo))},,{amount:0.00},,Delivered");

    /// <summary>An active customer of Sally's whose orders tripled against the period before (10,000 then 30,000): an order-volume surge alert, which asks for a review.</summary>
    public async Task<Customer> SurgingCustomerAsync(string name)
    {
        var customer = await Collections.AddCustomerAsync(name, limit: 100_000m);
        var key = customer.RegistrationNumber[^6..];
        await Collections.ImportAsync(Order(customer, $"ORD-{key}-1", 10_000m, daysAgo: 40), Order(customer, $"ORD-{key}-2", 30_000m, daysAgo: 5));
        return customer;
    }

    /// <summary>The morning's jobs, now: the early warning over every active customer, then the review run that opens the reviews it asked for.</summary>
    public async Task RunMorningJobsAsync()
    {
        await server.Services.GetRequiredService<EarlyWarningSweep>().RunAsync(CancellationToken.None);
        await server.Services.GetRequiredService<ReviewSweep>().RunAsync(CancellationToken.None);
    }

    /// <summary>The customer's alerts as stored.</summary>
    public Task<List<EarlyWarningAlert>> AlertsAsync(Guid customerId) =>
        server.WithDbAsync(db => db.Set<EarlyWarningAlert>().AsNoTracking().Where(a => a.CustomerId == customerId).ToListAsync());
}
