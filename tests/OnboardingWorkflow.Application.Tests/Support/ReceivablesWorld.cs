using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Application.Tests.Support;

/// <summary>
/// The receivables use cases over a database whose clock stands at 2026-11-30; each fact makes
/// its own customers (<see cref="NewCustomerAsync"/>), so facts sharing the database never meet.
/// Credit check tolerance: 5 days and 100.00; an import takes at most 20 rows.
/// </summary>
public static class ReceivablesWorld
{
    public static readonly CurrentUser Mia = new("mia", [Roles.CreditManager]);
    public static readonly CurrentUser Sally = new("sally", [Roles.Sales]);
    public static readonly CurrentUser Ana = new("ana", [Roles.CreditAnalyst]);
    public static readonly DateOnly Today = new(2026, 11, 30);

    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<ReceivablesOptions>().Configure(o =>
        {
            o.OverdueToleranceDays = 5;
            o.OverdueToleranceAmount = 100m;
            o.MaxRowsPerImport = 20;
        });
        services.AddScoped<ReceivablesImport>();
        services.AddScoped<ReceivableQueries>();
        services.AddScoped<CreditHolds>();
        services.AddScoped<CreditCheck>();
    }

    /// <summary>An active customer of sally's with a limit (none: no profile), reviewed next on <paramref name="nextReview"/> (default: in a year).</summary>
    public static async Task<Customer> NewCustomerAsync(CaseDatabase database, decimal? limit = 100_000m, DateOnly? nextReview = null,
        CustomerStatus status = CustomerStatus.Active)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var (customer, profile) = TestCustomers.Build(Sally.Name, database.Clock.Now, limit, nextReview ?? Today.AddYears(1), status);
        db.Add(customer);
        if (profile is not null)
        {
            db.Add(profile);
        }

        await db.SaveChangesAsync();
        return customer;
    }

    /// <summary>A unique external id for a fact's rows.</summary>
    public static string Id(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static ReceivableRowInput Invoice(Customer customer, string id, decimal amount, DateOnly due, string currency = "CNY") => new()
    {
        Kind = "Invoice", ExternalId = id, RegistrationNumber = customer.RegistrationNumber, Currency = currency,
        IssueDate = Iso(due.AddDays(-30)), DueDate = Iso(due), Amount = Amount(amount),
    };

    public static ReceivableRowInput Payment(Customer customer, string id, decimal amount, string kind = "Payment") => new()
    {
        Kind = kind, ExternalId = id, RegistrationNumber = customer.RegistrationNumber, Currency = "CNY", IssueDate = Iso(Today.AddDays(-1)), Amount = Amount(amount),
    };

    public static ReceivableRowInput Allocation(string source, string invoice, decimal amount, string kind = "PaymentAllocation") => new()
    {
        Kind = kind, ExternalId = source, Invoice = invoice, Amount = Amount(amount),
    };

    public static ReceivableRowInput Order(Customer customer, string id, decimal amount, string status = "Open") => new()
    {
        Kind = "Order", ExternalId = id, RegistrationNumber = customer.RegistrationNumber, Currency = "CNY", IssueDate = Iso(Today), Amount = Amount(amount), Status = status,
    };

    public static Task<ImportReport> ImportAsync(CaseDatabase database, params ReceivableRowInput[] rows) => ImportAsync(database, Mia, rows);

    public static Task<ImportReport> ImportAsync(CaseDatabase database, CurrentUser user, params ReceivableRowInput[] rows) =>
        database.RunAsync(s => s.GetRequiredService<ReceivablesImport>().ImportAsync(new ReceivablesBatch("json", rows), user, CancellationToken.None));

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Amount(decimal amount) => amount.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The receivables use cases on SQLite.</summary>
public sealed class SqliteReceivablesDatabase : SqliteCaseDatabase
{
    protected override void AddServices(IServiceCollection services) => ReceivablesWorld.AddServices(services);
}

/// <summary>The receivables use cases on PostgreSQL.</summary>
public sealed class PostgreSqlReceivablesDatabase : PostgreSqlCaseDatabase
{
    protected override void AddServices(IServiceCollection services) => ReceivablesWorld.AddServices(services);
}
