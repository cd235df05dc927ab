extern alias cli;

using cli::OnboardingWorkflow.Cli.Commands;
using NpgsqlTypes;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Seeding;

/// <summary>An open invoice as the receivables import would store it, in whole hundredths.</summary>
public sealed record SeedInvoice(Guid CustomerId, string ExternalId, DateOnly Issued, DateOnly Due, long AmountMinor);

/// <summary>An order of a customer, in whole hundredths; "Open" counts in the exposure.</summary>
public sealed record SeedOrder(Guid CustomerId, string ExternalId, DateOnly OrderDate, long AmountMinor, string Status = "Delivered");

/// <summary>
/// Writes the tables that the large-population tests and benchmarks seed (customers, credit
/// profiles, invoices, orders) through <see cref="BulkRows"/>, so their columns and encodings are
/// written down once. Rows go in the caller's transaction; the caller commits.
/// </summary>
public static class SeedTables
{
    /// <summary>Active customers 0..count-1, owned by Sales (Sally), each with an accounts-payable address.</summary>
    public static async Task CustomersAsync(IBulkRowWriter writer, int count, Func<int, Guid> id, string registrationPrefix, DateTimeOffset now)
    {
        await writer.BeginAsync("Customers", ["Id", "Name", "RegistrationNumber", "Status", "CreatedAt", "Owner", "ContactEmail"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text]);
        for (var i = 0; i < count; i++)
        {
            await writer.RowAsync(id(i), $"Seeded customer {registrationPrefix}-{i}", $"{registrationPrefix}{i:D16}", "Active", now, Users.Sally, $"ap{i}@{registrationPrefix}.test");
        }

        await writer.EndAsync();
    }

    /// <summary>A grade-A, low-risk credit profile per customer with the given limit and next review date.</summary>
    public static async Task ProfilesAsync(IBulkRowWriter writer, int count, Func<int, Guid> id, decimal limit, Func<int, DateOnly> nextReview, DateTimeOffset now)
    {
        await writer.BeginAsync("CreditProfiles", ["Id", "CustomerId", "Score", "Grade", "Tier", "CreditLimit", "TermsDays", "NextReview", "PolicyVersion", "UpdatedAt"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Double, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Numeric, NpgsqlDbType.Integer,
                NpgsqlDbType.Date, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz]);
        for (var i = 0; i < count; i++)
        {
            await writer.RowAsync(Guid.CreateVersion7(), id(i), 700d, "A", "Low", limit, 30, nextReview(i), "seeded", now);
        }

        await writer.EndAsync();
    }

    public static async Task InvoicesAsync(IBulkRowWriter writer, IEnumerable<SeedInvoice> invoices, DateTimeOffset now)
    {
        await writer.BeginAsync("ReceivableItems",
            ["Id", "CustomerId", "Kind", "ExternalId", "Currency", "IssueDate", "DueDate", "AmountMinor", "OpenMinor", "IsOpen", "DunningLevel", "Revision", "CreatedAt", "UpdatedAt"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Date, NpgsqlDbType.Date, NpgsqlDbType.Bigint,
                NpgsqlDbType.Bigint, NpgsqlDbType.Boolean, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz]);
        foreach (var invoice in invoices)
        {
            await writer.RowAsync(Guid.CreateVersion7(), invoice.CustomerId, "Invoice", invoice.ExternalId, "CNY", invoice.Issued, invoice.Due,
                invoice.AmountMinor, invoice.AmountMinor, true, 0, 0, now, now);
        }

        await writer.EndAsync();
    }

    public static async Task OrdersAsync(IBulkRowWriter writer, IEnumerable<SeedOrder> orders, DateTimeOffset now)
    {
        await writer.BeginAsync("CustomerOrders", ["Id", "CustomerId", "ExternalId", "Currency", "OrderDate", "AmountMinor", "Status", "CreatedAt", "UpdatedAt"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Date, NpgsqlDbType.Bigint, NpgsqlDbType.Text,
                NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz]);
        foreach (var order in orders)
        {
            await writer.RowAsync(Guid.CreateVersion7(), order.CustomerId, order.ExternalId, "CNY", order.OrderDate, order.AmountMinor, order.Status, now, now);
        }

        await writer.EndAsync();
    }
}
