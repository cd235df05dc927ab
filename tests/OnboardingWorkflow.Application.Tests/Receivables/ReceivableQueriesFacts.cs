using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Application.Tests.Support;
using static OnboardingWorkflow.Application.Tests.Support.ReceivablesWorld;

namespace OnboardingWorkflow.Application.Tests.Receivables;

/// <summary>Ageing, position and open items of a customer, computed in SQL on each provider.</summary>
public abstract class ReceivableQueriesFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : CaseDatabase
{
    private Task<CustomerReceivables> ReadAsync(Guid customer, DateOnly? asOf = null, int page = 1, int pageSize = 25, CurrentUser? user = null) =>
        database.RunAsync(s => s.GetRequiredService<ReceivableQueries>().CustomerAsync(user ?? Mia, customer, asOf, page, pageSize, CancellationToken.None));

    [Fact]
    public async Task Invoices_fall_in_their_bucket_at_each_boundary_day()
    {
        var customer = await NewCustomerAsync(database);
        var asOf = new DateOnly(2026, 6, 30);
        int[] daysPastDue = [0, 1, 30, 31, 60, 61, 90, 91];
        await ImportAsync(database, daysPastDue.Select(d => Invoice(customer, Id($"D{d}"), 1_000m + d, asOf.AddDays(-d))).ToArray());

        var receivables = await ReadAsync(customer.Id, asOf);

        Assert.Equal(
            [("current", 1, 1_000m), ("1-30", 2, 2_031m), ("31-60", 2, 2_091m), ("61-90", 2, 2_151m), ("90+", 1, 1_091m)],
            receivables.Ageing.Select(b => (b.Bucket, b.Invoices, b.Amount)));
        Assert.Equal(asOf, receivables.AsOf);
        Assert.Equal(7_364m, receivables.Position.Overdue);
    }

    [Fact]
    public async Task The_ageing_counts_only_what_is_open_and_the_date_defaults_to_the_clock()
    {
        var customer = await NewCustomerAsync(database);
        var (paid, part, payment) = (Id("INV"), Id("INV"), Id("PAY"));
        await ImportAsync(database, Invoice(customer, paid, 100m, Today.AddDays(-40)), Invoice(customer, part, 100m, Today.AddDays(-10)), Payment(customer, payment, 130m),
            Allocation(payment, paid, 100m), Allocation(payment, part, 30m));

        var receivables = await ReadAsync(customer.Id);

        Assert.Equal(Today, receivables.AsOf);
        Assert.Equal([0, 1, 0, 0, 0], receivables.Ageing.Select(b => b.Invoices));
        Assert.Equal(70m, receivables.Ageing[1].Amount);
        Assert.Equal([part], receivables.OpenItems.Items.Select(i => i.ExternalId));
        Assert.Equal(10, receivables.OpenItems.Items[0].DaysPastDue);
    }

    [Fact]
    public async Task Exposure_is_open_invoices_less_unapplied_credits_plus_open_orders()
    {
        var customer = await NewCustomerAsync(database);
        await ImportAsync(database,
            Invoice(customer, Id("INV"), 1_000m, Today.AddDays(5)),
            Invoice(customer, Id("INV"), 500m, Today.AddDays(-1)),
            Payment(customer, Id("PAY"), 200m),
            Payment(customer, Id("CN"), 50m, "CreditNote"),
            Order(customer, Id("ORD"), 300m),
            Order(customer, Id("ORD"), 999m, "Delivered"),
            Order(customer, Id("ORD"), 999m, "Cancelled"));

        var position = (await ReadAsync(customer.Id)).Position;

        Assert.Equal(new ReceivablesPosition(1_500m, 250m, 1_250m, 500m, 300m, 1_550m), position);
    }

    [Fact]
    public async Task Open_items_are_paged_in_due_order_and_bad_paging_is_refused()
    {
        var customer = await NewCustomerAsync(database);
        var ids = Enumerable.Range(1, 5).Select(i => Id($"I{i}")).ToList();
        await ImportAsync(database, ids.Select((id, i) => Invoice(customer, id, 10m, Today.AddDays(i))).Reverse().ToArray());

        var page = (await ReadAsync(customer.Id, page: 2, pageSize: 2)).OpenItems;
        var refusal = await Assert.ThrowsAsync<AppException>(() => ReadAsync(customer.Id, page: 0, pageSize: 101));

        Assert.Equal((5, 2, 2), (page.Total, page.PageNumber, page.PageSize));
        Assert.Equal(ids[2..4], page.Items.Select(i => i.ExternalId));
        Assert.Equal(["page", "pageSize"], refusal.FieldErrors!.Keys.Order());
    }

    [Fact]
    public async Task A_salesperson_reads_only_the_customers_they_own()
    {
        var customer = await NewCustomerAsync(database);

        await ReadAsync(customer.Id, user: Sally);
        var refusal = await Assert.ThrowsAsync<AppException>(() => ReadAsync(customer.Id, user: new CurrentUser("sam", [Data.Identity.Roles.Sales])));

        Assert.Equal(AppErrorKind.NotFound, refusal.Kind);
    }
}

public sealed class SqliteReceivableQueriesFacts(SqliteReceivablesDatabase database) : ReceivableQueriesFacts<SqliteReceivablesDatabase>(database);

public sealed class PostgreSqlReceivableQueriesFacts(PostgreSqlReceivablesDatabase database) : ReceivableQueriesFacts<PostgreSqlReceivablesDatabase>(database);
