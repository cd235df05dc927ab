using OnboardingWorkflow.Server.Tests.Seeding;
using Xunit.Abstractions;

namespace OnboardingWorkflow.Server.Tests.MultiServer;

/// <summary>
/// Every daily job on two server processes sharing one PostgreSQL database (Hangfire's storage in
/// it), each job scheduled on both every 15 seconds, the server running it killed mid-run: the
/// survivor's later runs finish the day, and every case, letter, mail, alert and hold exists exactly
/// once. See <see cref="TwoServers"/> for how the servers are started and the runner is found.
/// </summary>
[Trait("Category", "MultiServer")]
public sealed class TwoServersFacts(ITestOutputHelper output)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Overdue_escalation_starts_each_case_and_writes_each_letter_and_hold_once()
    {
        const int overdue = 1_500;
        static int DaysOverdue(int i) => 1 + (i % 70);
        static Guid Customer(int i) => new($"00000000-0000-4000-9000-{i:D12}");

        await TwoServers.RunAsync(output, "OverdueEscalation", new Dictionary<string, string>(), async writer =>
        {
            var now = DateTimeOffset.UtcNow;
            await SeedTables.CustomersAsync(writer, overdue, Customer, "94", now);
            await SeedTables.InvoicesAsync(writer, Enumerable.Range(0, overdue).Select(i =>
            {
                var due = Today.AddDays(-DaysOverdue(i));
                return new SeedInvoice(Customer(i), $"M{i}", due.AddDays(-30), due, 250_000L);
            }), now);
        }, async servers =>
        {
            const string cases = """SELECT count(*) FROM "DunningCases" """;
            const string doneRuns = """SELECT count(*) FROM "DunningRuns" WHERE "FinishedAt" IS NOT NULL""";
            var survivor = await servers.KillTheRunnerAsync(async () =>
            {
                var started = await servers.CountAsync(cases);
                Assert.True(started < overdue, "the run finished before it could be interrupted; raise the number of customers");
                return started >= 50;
            }, output);
            var finishedBefore = await servers.CountAsync(doneRuns);
            await servers.WaitForMoreAsync(doneRuns, finishedBefore, "the interrupted run finished");

            Assert.False(survivor.HasExited, survivor.Output);
            Assert.Equal(overdue, await servers.CountAsync(cases));
            Assert.Equal(overdue, await servers.CountAsync("""SELECT count(DISTINCT "CustomerId") FROM "DunningCases" """));
            // No case started twice in the engine, not even one whose row the kill lost.
            await AssertOneInstancePerCaseAsync(servers, "overdueEscalation", "DunningCases", overdue);
            // Each letter once in the archive, and once in the outbox.
            Assert.Equal(0, await servers.CountAsync("""
                SELECT count(*) FROM (SELECT 1 FROM "DunningLetters" GROUP BY "CaseInstanceId", "Kind" HAVING count(*) > 1) d
                """));
            var letters = await servers.CountAsync("""SELECT count(*) FROM "DunningLetters" """);
            Assert.True(letters >= overdue, $"{letters} letters for {overdue} customers");
            Assert.Equal(letters, await servers.CountAsync("""SELECT count(*) FROM "EmailOutbox" WHERE "Category" LIKE 'dunning.%'"""));
            await AssertNoMailTwiceAsync(servers, "dunning.%");
            // One hold per customer the ladder put on hold (level 3 and beyond: 30 days and more overdue).
            var heldCustomers = await servers.CountAsync("""SELECT count(DISTINCT "CustomerId") FROM "CreditHolds" """);
            Assert.Equal(await servers.CountAsync("""SELECT count(*) FROM "CreditHolds" """), heldCustomers);
            Assert.Equal(Enumerable.Range(0, overdue).Count(i => DaysOverdue(i) >= 30), heldCustomers);

            // A later run the same day changes nothing.
            var finishedAfter = await servers.CountAsync(doneRuns);
            await servers.WaitForMoreAsync(doneRuns, finishedAfter, "another run");
            Assert.Equal(overdue, await servers.CountAsync("""SELECT count(*) FROM "WorkflowInstances" WHERE "ProcessKey" = 'overdueEscalation'"""));
            Assert.Equal(letters, await servers.CountAsync("""SELECT count(*) FROM "DunningLetters" """));
        });
    }

    [Fact]
    public async Task Periodic_review_opens_one_case_and_sends_one_request_per_customer_due()
    {
        const int due = 1_500;
        static Guid Customer(int i) => new($"00000000-0000-4000-9100-{i:D12}");

        // Small batches, so the run has many checkpoints to resume from.
        await TwoServers.RunAsync(output, "PeriodicReview", new Dictionary<string, string> { ["Reviews:BatchSize"] = "100" }, async writer =>
        {
            var now = DateTimeOffset.UtcNow;
            await SeedTables.CustomersAsync(writer, due, Customer, "95", now);
            // Due within the 30-day lead time, spread over its days.
            await SeedTables.ProfilesAsync(writer, due, Customer, 50_000m, i => Today.AddDays(1 + i % 29), now);
        }, async servers =>
        {
            const string cases = """SELECT count(*) FROM "ReviewCases" """;
            var survivor = await servers.KillTheRunnerAsync(async () =>
            {
                var opened = await servers.CountAsync(cases);
                Assert.True(opened < due, "the run finished before it could be interrupted; raise the number of customers");
                return opened >= 50;
            }, output);
            await servers.WaitForMoreAsync("""SELECT count(*) FROM "ReviewRuns" WHERE "FinishedAt" IS NOT NULL""", 0, "the interrupted run finished");

            Assert.False(survivor.HasExited, survivor.Output);
            Assert.Equal(1, await servers.CountAsync("""SELECT count(*) FROM "ReviewRuns" """));
            Assert.Equal(due, await servers.CountAsync(cases));
            Assert.Equal(due, await servers.CountAsync("""SELECT count(DISTINCT "CustomerId") FROM "ReviewCases" """));
            await AssertOneInstancePerCaseAsync(servers, "periodicReview", "ReviewCases", due);
            // The request for fresh statements once per case, to the account owner.
            Assert.Equal(due, await servers.CountAsync("""SELECT count(DISTINCT "CorrelationId") FROM "EmailOutbox" WHERE "Category" = 'review.Request'"""));
            await AssertNoMailTwiceAsync(servers, "review.%");
        });
    }

    [Fact]
    public async Task Early_warning_evaluates_everyone_once_and_raises_each_alert_review_and_hold_once()
    {
        var population = new WarningPopulation(customers: 200_000, every: 500);

        await TwoServers.RunAsync(output, "EarlyWarning", new Dictionary<string, string> { ["Warnings:BatchSize"] = "500" },
            writer => population.SeedAsync(writer, DateTimeOffset.UtcNow, Today), async servers =>
        {
            const string doneRuns = """SELECT count(*) FROM "EarlyWarningRuns" WHERE "FinishedAt" IS NOT NULL""";
            var survivor = await servers.KillTheRunnerAsync(async () =>
            {
                Assert.Equal(0, await servers.CountAsync(doneRuns));
                return await servers.CountAsync("""SELECT coalesce(max("Batches"), 0) FROM "EarlyWarningRuns" """) >= 10;
            }, output);
            await servers.WaitForMoreAsync(doneRuns, 0, "the interrupted run finished");

            Assert.False(survivor.HasExited, survivor.Output);
            // The day's first run, resumed by the survivor: every customer evaluated once, none skipped, none twice.
            static string Finished(int nth, string column) =>
                $"""SELECT "{column}" FROM "EarlyWarningRuns" WHERE "FinishedAt" IS NOT NULL ORDER BY "StartedAt" OFFSET {nth} LIMIT 1""";
            Assert.Equal(population.Customers, await servers.CountAsync(Finished(0, "CustomersEvaluated")));
            Assert.Equal(population.Alerts, await servers.CountAsync(Finished(0, "AlertsRaised")));
            Assert.Equal(population.Alerts, await servers.CountAsync("""SELECT count(*) FROM "EarlyWarningAlerts" """));
            Assert.Equal(population.Holds, await servers.CountAsync("""SELECT count(*) FROM "CreditHolds" """));
            Assert.Equal(population.Holds, await servers.CountAsync("""SELECT count(DISTINCT "CustomerId") FROM "CreditHolds" """));
            // A requested review brings the customer's next review forward to today, once.
            Assert.Equal(population.Reviews, await servers.CountAsync($"""SELECT count(*) FROM "CreditProfiles" WHERE "NextReview" = DATE '{Today:yyyy-MM-dd}'"""));
            Assert.Equal(population.Reviews, await servers.CountAsync("""SELECT count(*) FROM "EarlyWarningAlerts" WHERE "ReviewRequested" """));
            Assert.Equal(population.BaselinesDueToday, await servers.CountAsync($"""SELECT count(*) FROM "EarlyWarningBaselines" WHERE "TakenOn" = DATE '{Today:yyyy-MM-dd}'"""));
            Assert.Equal(population.Customers, await servers.CountAsync("""SELECT count(*) FROM "EarlyWarningBaselines" """));

            // A later run the same day evaluates everyone again and raises nothing new.
            await servers.WaitForMoreAsync(doneRuns, 1, "another run");
            Assert.Equal(population.Customers, await servers.CountAsync(Finished(1, "CustomersEvaluated")));
            Assert.Equal(0, await servers.CountAsync(Finished(1, "AlertsRaised")));
            Assert.Equal(population.Alerts, await servers.CountAsync("""SELECT count(*) FROM "EarlyWarningAlerts" """));
            Assert.Equal(population.Holds, await servers.CountAsync("""SELECT count(*) FROM "CreditHolds" """));
        });
    }

    /// <summary>Exactly one workflow instance of the process per case row, and no instance without its case.</summary>
    private static async Task AssertOneInstancePerCaseAsync(TwoServers servers, string processKey, string caseTable, int expected)
    {
        Assert.Equal(expected, await servers.CountAsync($"""SELECT count(*) FROM "WorkflowInstances" WHERE "ProcessKey" = '{processKey}'"""));
        Assert.Equal(0, await servers.CountAsync($"""
            SELECT count(*) FROM "WorkflowInstances" w WHERE w."ProcessKey" = '{processKey}'
            AND NOT EXISTS (SELECT 1 FROM "{caseTable}" c WHERE c."InstanceId" = w."Id")
            """));
    }

    private static async Task AssertNoMailTwiceAsync(TwoServers servers, string categoryPattern) =>
        Assert.Equal(0, await servers.CountAsync($"""
            SELECT count(*) FROM (SELECT 1 FROM "EmailOutbox" WHERE "Category" LIKE '{categoryPattern}' GROUP BY "CorrelationId", "Category" HAVING count(*) > 1) d
            """));
}
