extern alias cli;

using cli::OnboardingWorkflow.Cli.Commands;
using NpgsqlTypes;

namespace OnboardingWorkflow.Server.Tests.Seeding;

/// <summary>
/// Active customers as the early-warning job finds them on a steady-state day: each with a credit
/// profile (limit 100,000.00), one open invoice of 30,000.00 issued this period, a delivered order in
/// this period and one in the period before, and a trend baseline taken 1 to 30 days ago (one in
/// thirty renews it today). One customer in <see cref="Every"/> has an order surge (+150 %: alert and
/// review), one a second invoice 15 days past due (overdue ratio 25 %: alert, review and hold), one an
/// open order taking utilisation to 95 % (warning: e-mail to the credit managers).
/// </summary>
public sealed class WarningPopulation(int customers, int every)
{
    public int Customers { get; } = customers;

    public int Every { get; } = every;

    public int Surges => CountOf(Every, 0);

    public int Overdue => CountOf(Every, 1);

    public int HighUtilisation => CountOf(Every, 2);

    /// <summary>Every surge, overdue and utilisation customer raises one alert.</summary>
    public int Alerts => Surges + Overdue + HighUtilisation;

    /// <summary>The surge and overdue customers' alerts ask for a review.</summary>
    public int Reviews => Surges + Overdue;

    /// <summary>The overdue customers' alerts put the account on hold.</summary>
    public int Holds => Overdue;

    /// <summary>Baselines taken 1 to 30 days ago: those taken 30 days ago are renewed today.</summary>
    public int BaselinesDueToday => CountOf(30, 29);

    public static Guid CustomerId(int i) => new($"00000000-0000-4000-8000-{i:D12}");

    public async Task SeedAsync(IBulkRowWriter writer, DateTimeOffset now, DateOnly today)
    {
        await SeedTables.CustomersAsync(writer, Customers, CustomerId, "93", now);
        await SeedTables.ProfilesAsync(writer, Customers, CustomerId, 100_000m, _ => today.AddYears(1), now);
        await SeedTables.InvoicesAsync(writer, Invoices(today), now);
        await SeedTables.OrdersAsync(writer, Orders(today), now);
        await writer.BeginAsync("EarlyWarningBaselines", ["CustomerId", "TakenOn", "DaysBeyondTerms", "CollectionPeriodDays"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Date, NpgsqlDbType.Double, NpgsqlDbType.Double]);
        for (var i = 0; i < Customers; i++)
        {
            await writer.RowAsync(CustomerId(i), today.AddDays(-1 - i % 30), 0.0, 30.0);
        }

        await writer.EndAsync();
    }

    /// <summary>One open invoice each of 30,000.00 issued this period; the overdue customers have a second of 10,000.00, 15 days past due.</summary>
    private IEnumerable<SeedInvoice> Invoices(DateOnly today)
    {
        for (var i = 0; i < Customers; i++)
        {
            var issued = today.AddDays(-(i % 25));
            yield return new SeedInvoice(CustomerId(i), $"W{i}", issued, issued.AddDays(30), 3_000_000L);
            if (i % Every == 1)
            {
                yield return new SeedInvoice(CustomerId(i), $"W{i}-late", today.AddDays(-45), today.AddDays(-15), 1_000_000L);
            }
        }
    }

    /// <summary>20,000.00 in the previous period and in this one; surge customers 50,000.00 in this one; utilisation customers an open order of 65,000.00 more.</summary>
    private IEnumerable<SeedOrder> Orders(DateOnly today)
    {
        for (var i = 0; i < Customers; i++)
        {
            yield return new SeedOrder(CustomerId(i), $"P{i}", today.AddDays(-35 - i % 20), 2_000_000L);
            yield return new SeedOrder(CustomerId(i), $"T{i}", today.AddDays(-(i % 25)), i % Every == 0 ? 5_000_000L : 2_000_000L);
            if (i % Every == 2)
            {
                yield return new SeedOrder(CustomerId(i), $"U{i}", today.AddDays(-100), 6_500_000L, "Open");
            }
        }
    }

    /// <summary>How many of the customers 0..Customers-1 have i % modulus == remainder.</summary>
    private int CountOf(int modulus, int remainder) => Customers > remainder ? (Customers - 1 - remainder) / modulus + 1 : 0;
}
