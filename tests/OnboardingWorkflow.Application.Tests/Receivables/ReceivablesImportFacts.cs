using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Application.Tests.Support;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using static OnboardingWorkflow.Application.Tests.Support.ReceivablesWorld;

namespace OnboardingWorkflow.Application.Tests.Receivables;

/// <summary>The receivables import on a real database of each provider: reports per row, idempotence, safe changes, allocations.</summary>
public abstract class ReceivablesImportFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : CaseDatabase
{
    private Task<ReceivableItem> ItemAsync(ReceivableKind kind, string id) =>
        database.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<ReceivableItem>().AsNoTracking().SingleAsync(i => i.Kind == kind && i.ExternalId == id));

    private static void AssertOutcomes(ImportReport report, params string[] expected) =>
        Assert.Equal(expected, report.Results.Select(r => r.Code ?? r.Outcome));

    [Fact]
    public async Task Rows_are_created_and_the_same_rows_again_change_nothing()
    {
        var customer = await NewCustomerAsync(database);
        var (invoice, payment, order) = (Id("INV"), Id("PAY"), Id("ORD"));
        ReceivableRowInput[] rows =
        [
            Invoice(customer, invoice, 1_000m, Today.AddDays(10)),
            Payment(customer, payment, 400m),
            Allocation(payment, invoice, 400m),
            Order(customer, order, 250.50m),
        ];

        var first = await ImportAsync(database, rows);
        var again = await ImportAsync(database, rows);

        AssertOutcomes(first, "accepted", "accepted", "accepted", "accepted");
        Assert.Equal((4, 4, 0, 0), (first.Rows, first.Accepted, first.Unchanged, first.Refused));
        AssertOutcomes(again, "unchanged", "unchanged", "unchanged", "unchanged");
        var stored = await ItemAsync(ReceivableKind.Invoice, invoice);
        Assert.Equal((100_000L, 60_000L), (stored.AmountMinor, stored.OpenMinor));
        var audit = await database.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<AuditEvent>()
            .Where(e => e.Action == "receivables.imported" && (e.EntityId == first.ImportId.ToString() || e.EntityId == again.ImportId.ToString())).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.Contains(audit, e => e.Detail == "json: 4 rows, 0 accepted, 4 unchanged, 0 refused" && e.Actor == "mia");
    }

    [Fact]
    public async Task A_csv_file_of_the_same_rows_finds_them_unchanged()
    {
        var customer = await NewCustomerAsync(database);
        var (invoice, note) = (Id("INV"), Id("CN"));
        await ImportAsync(database, Invoice(customer, invoice, 1_200m, Today), Payment(customer, note, 200m, "CreditNote"), Allocation(note, invoice, 200m, "CreditNoteAllocation"));

        var csv = $"""
            Kind,externalId,registrationNumber,currency,issueDate,dueDate,amount,invoice,status
            CreditNoteAllocation,{note},,,,,200,{invoice},
            Invoice,{invoice},{customer.RegistrationNumber},CNY,{Iso(Today.AddDays(-30))},{Iso(Today)},1200.00,,
            CreditNote,"{note}",{customer.RegistrationNumber},CNY,{Iso(Today.AddDays(-1))},,200,,

            """;
        var report = await database.RunAsync(s => s.GetRequiredService<ReceivablesImport>()
            .ImportAsync(new ReceivablesBatch("csv", ReceivablesCsv.Read(csv)), Mia, CancellationToken.None));

        AssertOutcomes(report, "unchanged", "unchanged", "unchanged");
        Assert.Equal("csv", report.Format);
    }

    [Fact]
    public async Task Each_bad_row_is_refused_with_its_code_and_the_others_are_saved()
    {
        var customer = await NewCustomerAsync(database);
        var good = Id("INV");
        var repeated = Invoice(customer, Id("INV"), 10m, Today);
        var report = await ImportAsync(database,
            Invoice(customer, good, 10m, Today),
            Invoice(customer, Id("INV"), 10m, Today) with { RegistrationNumber = "NO-SUCH-NUMBER" },
            Invoice(customer, Id("INV"), 10m, Today) with { DueDate = "2026-02-30" },
            Invoice(customer, Id("INV"), -5m, Today),
            Invoice(customer, Id("INV"), 10m, Today, currency: "USD"),
            repeated,
            repeated,
            Invoice(customer, Id("INV"), 10.005m, Today) with { Status = "Open" },
            new ReceivableRowInput { Kind = "Receipt", ExternalId = "R-1" },
            Allocation(Id("PAY"), good, 5m));

        AssertOutcomes(report, "accepted", "unknown_customer", "invalid_row", "invalid_row", "currency_mismatch", "accepted", "duplicate_row", "invalid_row",
            "invalid_row", "unknown_item");
        var results = report.Results;
        Assert.Contains("registrationNumber", results[1].Fields!.Keys);
        Assert.Contains("must be a date as yyyy-MM-dd, not '2026-02-30'", results[2].Fields!["dueDate"]);
        Assert.Contains("CreditNote row", results[3].Fields!["amount"][0]);
        Assert.Contains("in USD", results[4].Message);
        Assert.Contains("Row 6 already has Invoice", results[6].Message);
        Assert.Equal(["amount", "status"], results[7].Fields!.Keys.Order());
        Assert.Contains("must be one of", results[8].Fields!["kind"][0]);
        Assert.Equal((2, 8), (report.Accepted, report.Refused));
        Assert.Equal(1_000L, (await ItemAsync(ReceivableKind.Invoice, good)).AmountMinor);
    }

    [Fact]
    public async Task Allocations_settle_invoices_and_never_exceed_what_is_open()
    {
        var customer = await NewCustomerAsync(database);
        var other = await NewCustomerAsync(database);
        var (first, second, payment, foreign) = (Id("INV"), Id("INV"), Id("PAY"), Id("INV"));
        var report = await ImportAsync(database,
            Allocation(payment, first, 300m),
            Allocation(payment, second, 150m),
            Allocation(payment, second, 0.01m) with { Invoice = first, Amount = "301" },
            Invoice(customer, first, 300m, Today),
            Invoice(customer, second, 500m, Today),
            Payment(customer, payment, 500m),
            Invoice(other, foreign, 100m, Today),
            Allocation(payment, foreign, 10m));

        // Items first, then allocations in row order: the third row repeats the first's pair.
        AssertOutcomes(report, "accepted", "accepted", "duplicate_row", "accepted", "accepted", "accepted", "accepted", "customer_mismatch");
        Assert.Equal(0L, (await ItemAsync(ReceivableKind.Invoice, first)).OpenMinor);
        Assert.False((await ItemAsync(ReceivableKind.Invoice, first)).IsOpen);
        Assert.Equal(35_000L, (await ItemAsync(ReceivableKind.Invoice, second)).OpenMinor);
        Assert.Equal(5_000L, (await ItemAsync(ReceivableKind.Payment, payment)).OpenMinor);

        var more = await ImportAsync(database, Allocation(payment, second, 250m));
        Assert.Equal(ErrorCodes.AllocationExceedsOpen, more.Results[0].Code);
        Assert.Contains($"Payment {payment} has 50.00 unallocated; this allocation adds 100.00", more.Results[0].Message);

        var less = await ImportAsync(database, Allocation(payment, second, 100m));
        Assert.Equal("updated: amount 150.00 -> 100.00", less.Results[0].Message);
        Assert.Equal(40_000L, (await ItemAsync(ReceivableKind.Invoice, second)).OpenMinor);
        Assert.Equal(10_000L, (await ItemAsync(ReceivableKind.Payment, payment)).OpenMinor);

        var tooMuch = await ImportAsync(database, Allocation(payment, first, 310m));
        Assert.Equal(ErrorCodes.AllocationExceedsOpen, tooMuch.Results[0].Code);
        Assert.Contains($"Invoice {first} has 0.00 open", tooMuch.Results[0].Message);
    }

    [Fact]
    public async Task A_changed_row_updates_what_is_safe_and_refuses_the_rest()
    {
        var customer = await NewCustomerAsync(database);
        var other = await NewCustomerAsync(database);
        var (loose, allocated, payment, order) = (Id("INV"), Id("INV"), Id("PAY"), Id("ORD"));
        await ImportAsync(database, Invoice(customer, loose, 100m, Today), Invoice(customer, allocated, 100m, Today), Payment(customer, payment, 40m),
            Allocation(payment, allocated, 40m), Order(customer, order, 70m));

        var report = await ImportAsync(database,
            Invoice(customer, loose, 120m, Today),
            Invoice(customer, allocated, 90m, Today),
            Invoice(other, Id("INV"), 1m, Today) with { ExternalId = loose },
            Order(customer, order, 70m, status: "Delivered"));
        var later = await ImportAsync(database, Invoice(customer, allocated, 100m, Today.AddDays(14)) with { IssueDate = Iso(Today.AddDays(-30)) });

        AssertOutcomes(report, "accepted", "immutable_change", "duplicate_row", "accepted");
        Assert.Equal("updated: amount 100.00 -> 120.00", report.Results[0].Message);
        Assert.Contains("has 40.00 allocated, so its amount stays 100.00", report.Results[1].Message);
        Assert.Equal("updated: status Open -> Delivered", report.Results[3].Message);
        Assert.Equal($"updated: dueDate {Iso(Today)} -> {Iso(Today.AddDays(14))}", later.Results[0].Message);
        Assert.Equal((12_000L, 12_000L), ((await ItemAsync(ReceivableKind.Invoice, loose)).AmountMinor, (await ItemAsync(ReceivableKind.Invoice, loose)).OpenMinor));
        Assert.Equal((10_000L, 6_000L), ((await ItemAsync(ReceivableKind.Invoice, allocated)).AmountMinor, (await ItemAsync(ReceivableKind.Invoice, allocated)).OpenMinor));

        var moved = await ImportAsync(database, Invoice(other, loose, 120m, Today));
        Assert.Equal(ErrorCodes.ImmutableChange, moved.Results[0].Code);
        Assert.Contains("is on file for another customer", moved.Results[0].Message);
    }

    [Fact]
    public async Task A_batch_is_bounded_and_only_admins_and_credit_managers_import()
    {
        var customer = await NewCustomerAsync(database);
        var rows = Enumerable.Range(0, 21).Select(_ => Invoice(customer, Id("INV"), 1m, Today)).ToArray();

        var tooMany = await Assert.ThrowsAsync<AppException>(() => ImportAsync(database, rows));
        var empty = await Assert.ThrowsAsync<AppException>(() => ImportAsync(database));
        var sales = await Assert.ThrowsAsync<AppException>(() => ImportAsync(database, Sally, rows[0]));
        var analyst = await Assert.ThrowsAsync<AppException>(() => ImportAsync(database, Ana, rows[0]));

        Assert.Equal((AppErrorKind.TooLarge, ErrorCodes.PayloadTooLarge), (tooMany.Kind, tooMany.Code));
        Assert.Contains("at most 20 rows and this one has 21", tooMany.Message);
        Assert.Equal(AppErrorKind.Invalid, empty.Kind);
        Assert.Equal(AppErrorKind.Forbidden, sales.Kind);
        Assert.Equal(AppErrorKind.Forbidden, analyst.Kind);
        Assert.Equal("accepted", (await ImportAsync(database, new CurrentUser("root", [Data.Identity.Roles.Admin]), rows[0])).Results[0].Outcome);
    }
}

public sealed class SqliteReceivablesImportFacts(SqliteReceivablesDatabase database) : ReceivablesImportFacts<SqliteReceivablesDatabase>(database);

public sealed class PostgreSqlReceivablesImportFacts(PostgreSqlReceivablesDatabase database) : ReceivablesImportFacts<PostgreSqlReceivablesDatabase>(database);
