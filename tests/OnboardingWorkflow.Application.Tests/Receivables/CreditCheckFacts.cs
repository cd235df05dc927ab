using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Application.Tests.Support;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using static OnboardingWorkflow.Application.Tests.Support.ReceivablesWorld;

namespace OnboardingWorkflow.Application.Tests.Receivables;

/// <summary>The credit check of an order: each reason that blocks on its own, all at once, and the holds cases place and release.</summary>
public abstract class CreditCheckFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : CaseDatabase
{
    private Task<CreditCheckResult> CheckAsync(Guid customer, decimal? amount, CurrentUser? user = null) =>
        database.RunAsync(s => s.GetRequiredService<CreditCheck>().CheckAsync(customer, amount, user ?? Sally, CancellationToken.None));

    private static IEnumerable<string> Codes(CreditCheckResult result) => result.Reasons.Select(r => r.Code);

    private Task<T> HoldsAsync<T>(Func<CreditHolds, OnboardingDbContext, Task<T>> work) =>
        database.RunAsync(async s =>
        {
            var result = await work(s.GetRequiredService<CreditHolds>(), s.GetRequiredService<OnboardingDbContext>());
            await s.GetRequiredService<OnboardingDbContext>().SaveChangesAsync();
            return result;
        });

    [Fact]
    public async Task An_order_within_the_limit_of_a_customer_in_good_standing_is_allowed_up_to_the_limit()
    {
        var customer = await NewCustomerAsync(database, limit: 10_000m);
        await ImportAsync(database, Invoice(customer, Id("INV"), 4_000m, Today.AddDays(10)), Order(customer, Id("ORD"), 1_000m));

        var atTheLimit = await CheckAsync(customer.Id, 5_000m);
        var aboveIt = await CheckAsync(customer.Id, 5_000.01m);

        Assert.Equal((CreditCheckResult.Allow, 5_000m, 5_000m), (atTheLimit.Decision, atTheLimit.Exposure, atTheLimit.Available!.Value));
        Assert.Empty(atTheLimit.Reasons);
        Assert.Equal(CreditCheckResult.Block, aboveIt.Decision);
        Assert.Equal([CreditCheckReasons.OverLimit], Codes(aboveIt));
        Assert.Contains("Exposure 5000.00 + order 5000.01 = 10000.01 is above the limit of 10000.00", aboveIt.Reasons[0].Message);
    }

    [Theory]
    [InlineData(5, 500, true)]
    [InlineData(6, 100, true)]
    [InlineData(6, 100.01, false)]
    [InlineData(40, 500, false)]
    public async Task Overdue_invoices_block_only_beyond_the_tolerated_days_and_amount(int daysPastDue, decimal amount, bool allowed)
    {
        var customer = await NewCustomerAsync(database);
        await ImportAsync(database, Invoice(customer, Id("INV"), amount, Today.AddDays(-daysPastDue)));

        var result = await CheckAsync(customer.Id, 1m);

        Assert.Equal(allowed ? [] : [CreditCheckReasons.OverdueBeyondTolerance], Codes(result));
    }

    [Fact]
    public async Task A_review_date_that_has_passed_blocks_and_one_that_is_today_does_not()
    {
        var today = await NewCustomerAsync(database, nextReview: Today);
        var passed = await NewCustomerAsync(database, nextReview: Today.AddDays(-1));

        Assert.Empty(Codes(await CheckAsync(today.Id, 1m)));
        var blocked = await CheckAsync(passed.Id, 1m);
        Assert.Equal([CreditCheckReasons.ReviewOverdue], Codes(blocked));
        Assert.Contains("2026-11-29", blocked.Reasons[0].Message);
    }

    [Fact]
    public async Task A_hold_blocks_until_the_case_that_placed_it_releases_it()
    {
        var customer = await NewCustomerAsync(database);
        var (dunningCase, otherCase) = (Guid.NewGuid(), Guid.NewGuid());
        var placed = await HoldsAsync((holds, _) => holds.PlaceAsync(customer.Id, CreditHoldSource.Dunning, dunningCase, "final notice unanswered", "system", CancellationToken.None));
        var again = await HoldsAsync((holds, _) => holds.PlaceAsync(customer.Id, CreditHoldSource.Dunning, dunningCase, "final notice unanswered", "system", CancellationToken.None));

        var held = await CheckAsync(customer.Id, 1m);
        var byOther = await HoldsAsync((holds, _) => holds.ReleaseForCaseAsync(otherCase, "system", "paid", CancellationToken.None));
        var stillHeld = await CheckAsync(customer.Id, 1m);
        var released = await HoldsAsync((holds, _) => holds.ReleaseForCaseAsync(dunningCase, "system", "paid in full", CancellationToken.None));
        var free = await CheckAsync(customer.Id, 1m);

        Assert.Equal(placed.Id, again.Id);
        Assert.Equal([CreditCheckReasons.CreditHold], Codes(held));
        Assert.Contains("Dunning", held.Reasons[0].Message);
        Assert.Contains("final notice unanswered", held.Reasons[0].Message);
        Assert.Empty(byOther);
        Assert.Equal([CreditCheckReasons.CreditHold], Codes(stillHeld));
        Assert.Equal([placed.Id], released.Select(h => h.Id));
        Assert.Empty(Codes(free));
        var stored = await database.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<CreditHold>().AsNoTracking().SingleAsync(h => h.Id == placed.Id));
        Assert.Equal(("system", "paid in full", database.Clock.Now), (stored.ReleasedBy, stored.ReleaseReason, stored.ReleasedAt!.Value));
    }

    [Fact]
    public async Task A_person_releases_any_hold_but_another_case_cannot_and_a_released_hold_stays_released()
    {
        var customer = await NewCustomerAsync(database);
        var hold = await HoldsAsync((holds, _) => holds.PlaceAsync(customer.Id, CreditHoldSource.EarlyWarning, Guid.NewGuid(), "overdue ratio alert", "system", CancellationToken.None));

        Assert.Throws<InvalidOperationException>(() => hold.Release("system", "x", Guid.NewGuid(), database.Clock.Now));
        var salesRefusal = await Assert.ThrowsAsync<AppException>(() => HoldsAsync((holds, _) => holds.ReleaseAsync(hold.Id, Sally, "customer paid", CancellationToken.None)));
        await HoldsAsync((holds, _) => holds.ReleaseAsync(hold.Id, Mia, "customer paid", CancellationToken.None));
        var twice = await Assert.ThrowsAsync<AppException>(() => HoldsAsync((holds, _) => holds.ReleaseAsync(hold.Id, Mia, "again", CancellationToken.None)));

        Assert.Equal(AppErrorKind.Forbidden, salesRefusal.Kind);
        Assert.Equal(ErrorCodes.InvalidState, twice.Code);
        Assert.Empty(Codes(await CheckAsync(customer.Id, 1m)));
    }

    [Fact]
    public async Task Every_reason_that_applies_is_named_at_once()
    {
        var customer = await NewCustomerAsync(database, limit: 1_000m, nextReview: Today.AddDays(-10), status: CustomerStatus.Suspended);
        await ImportAsync(database, Invoice(customer, Id("INV"), 900m, Today.AddDays(-30)));
        await HoldsAsync((holds, _) => holds.PlaceAsync(customer.Id, CreditHoldSource.Manual, null, "legal review", "mia", CancellationToken.None));

        var result = await CheckAsync(customer.Id, 200m, Mia);

        Assert.Equal([CreditCheckReasons.CustomerNotActive, CreditCheckReasons.OverLimit, CreditCheckReasons.ReviewOverdue, CreditCheckReasons.CreditHold,
            CreditCheckReasons.OverdueBeyondTolerance], Codes(result));
        Assert.Equal((900m, 900m), (result.Exposure, result.OverdueBeyondTolerance));
    }

    [Fact]
    public async Task A_customer_without_a_limit_is_blocked_and_the_amount_is_checked_first()
    {
        var customer = await NewCustomerAsync(database, limit: null, status: CustomerStatus.Prospect);

        var result = await CheckAsync(customer.Id, 1m);
        var missing = await Assert.ThrowsAsync<AppException>(() => CheckAsync(customer.Id, null));
        var negative = await Assert.ThrowsAsync<AppException>(() => CheckAsync(customer.Id, -1m));
        var analyst = await Assert.ThrowsAsync<AppException>(() => CheckAsync(customer.Id, 1m, Ana));
        var stranger = await Assert.ThrowsAsync<AppException>(() => CheckAsync(customer.Id, 1m, new CurrentUser("sam", [Data.Identity.Roles.Sales])));

        Assert.Equal([CreditCheckReasons.CustomerNotActive, CreditCheckReasons.NoCreditLimit], Codes(result));
        Assert.Null(result.Available);
        Assert.Contains("amount", missing.FieldErrors!.Keys);
        Assert.Contains("must be above 0", negative.FieldErrors!["amount"][0]);
        Assert.Equal(AppErrorKind.Forbidden, analyst.Kind);
        Assert.Equal(AppErrorKind.NotFound, stranger.Kind);
    }
}

public sealed class SqliteCreditCheckFacts(SqliteReceivablesDatabase database) : CreditCheckFacts<SqliteReceivablesDatabase>(database);

public sealed class PostgreSqlCreditCheckFacts(PostgreSqlReceivablesDatabase database) : CreditCheckFacts<PostgreSqlReceivablesDatabase>(database);
