using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Dunning;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Server.Email;
using OnboardingWorkflow.Server.Jobs;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Server.Tests.Email;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>
/// The overdue escalation end to end on the real server and workflows/overdue-escalation.bpmn:
/// the daily job run on the days that matter (manual clock), letters through the outbox to maildev,
/// the credit hold and the credit check, payment on import, the promise to pay, and resuming a
/// stopped run. The default dunning policy: level 1 from day 1, 2 from day 15, 3 from day 30.
/// </summary>
[Collection(HangfireHostCollection.Name)]
public abstract class OverdueEscalationFacts(MaildevFixture maildev) : IAsyncLifetime
{
    private OnboardingServer _server = null!;

    protected abstract Task<OnboardingServer> StartServerAsync(IReadOnlyDictionary<string, string?> settings);

    private DateOnly Today => DateOnly.FromDateTime(_server.Clock.GetUtcNow().UtcDateTime);

    public async Task InitializeAsync()
    {
        _server = await StartServerAsync(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = maildev.SmtpHost,
            ["Smtp:Port"] = maildev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "Credit <credit@example.test>",
            ["Dunning:BatchSize"] = "2",
        });
        await _server.SeedUsersAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_overdue_invoice_gets_each_letter_on_its_day_is_held_at_level_3_and_released_when_paid()
    {
        var customer = await AddCustomerAsync(language: null);
        await ImportAsync(Invoice(customer, "INV-1", 1000m, Today));

        await RunJobAsync();
        Assert.Equal(JsonValueKind.Null, (await EscalationAsync(customer)).GetProperty("case").ValueKind);

        await AdvanceDaysAsync(1);
        var day1 = await RunJobAsync();
        Assert.Equal(1, day1.CasesStarted);
        var afterDay1 = await EscalationAsync(customer);
        Assert.Equal(1, afterDay1.GetProperty("case").GetProperty("level").GetInt32());
        Assert.Equal(["Reminder"], Kinds(afterDay1));
        var reminder = afterDay1.GetProperty("letters")[0];
        Assert.Equal(["INV-1"], reminder.GetProperty("invoices").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(1000m, reminder.GetProperty("overdueAmount").GetDecimal());

        // The same day again: nothing new, not even an e-mail.
        var outboxBefore = await OutboxCountAsync(customer);
        var again = await RunJobAsync();
        Assert.Equal((0, 0), (again.CasesStarted, again.LevelsRaised));
        Assert.Equal(["Reminder"], Kinds(await EscalationAsync(customer)));
        Assert.Equal(outboxBefore, await OutboxCountAsync(customer));

        await AdvanceDaysAsync(13);
        await RunJobAsync();
        Assert.Equal(["Reminder"], Kinds(await EscalationAsync(customer)));
        await AdvanceDaysAsync(1);
        await RunJobAsync();
        var day15 = await EscalationAsync(customer);
        Assert.Equal(2, day15.GetProperty("case").GetProperty("level").GetInt32());
        Assert.Equal(["FormalNotice", "Reminder"], Kinds(day15));
        Assert.Single(await OpenTasksAsync(customer, EscalationProcess.Tasks.CallCustomer));
        await AssertCreditCheckAsync(customer, blockedByHold: false);

        await AdvanceDaysAsync(15);
        await RunJobAsync();
        var day30 = await EscalationAsync(customer);
        Assert.Equal(3, day30.GetProperty("case").GetProperty("level").GetInt32());
        Assert.Equal(["HoldPlaced", "FormalNotice", "Reminder"], Kinds(day30));
        var hold = Assert.Single(day30.GetProperty("holds").EnumerateArray());
        Assert.True(hold.GetProperty("inForce").GetBoolean());
        Assert.Equal(day30.GetProperty("case").GetProperty("instanceId").GetGuid(), hold.GetProperty("caseInstanceId").GetGuid());
        Assert.Single(await OpenTasksAsync(customer, EscalationProcess.Tasks.CollectOverdue));
        await AssertCreditCheckAsync(customer, blockedByHold: true);
        var sentOn = day30.GetProperty("letters").EnumerateArray().Select(l => DateOnly.FromDateTime(l.GetProperty("sentAt").GetDateTimeOffset().UtcDateTime)).ToList();
        Assert.Equal([Today, Today.AddDays(-15), Today.AddDays(-29)], sentOn);

        // The payment is imported: the case ends at once, its hold is released and the customer told.
        await ImportAsync(Payment(customer, "PAY-1", 1000m), Allocation("PAY-1", "INV-1", 1000m));
        var paid = await EscalationAsync(customer);
        Assert.Equal("Closed", paid.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(["HoldReleased", "HoldPlaced", "FormalNotice", "Reminder"], Kinds(paid));
        Assert.False(paid.GetProperty("holds")[0].GetProperty("inForce").GetBoolean());
        Assert.Empty(await OpenTasksAsync(customer, EscalationProcess.Tasks.CollectOverdue));
        await AssertCreditCheckAsync(customer, blockedByHold: false);
        var instance = paid.GetProperty("case").GetProperty("instanceId").GetGuid();
        Assert.Equal("Completed", await _server.WithDbAsync(db => db.Set<WorkflowInstanceEntity>().Where(i => i.Id == instance).Select(i => i.Status).SingleAsync()));

        // Every letter reaches the SMTP server, once.
        await DispatchAsync();
        var arrived = await maildev.WaitForMessagesAsync(customer.Name, count: 4);
        Assert.Equal(4, arrived.Count);
        Assert.All(arrived, m => Assert.Equal(customer.ContactEmail, m.To.Single().Address));
        Assert.Contains(arrived, m => m.Subject == $"Payment reminder for {customer.Name}: 1,000.00 CNY overdue" && m.Text!.Contains("INV-1", StringComparison.Ordinal));
        Assert.Contains(arrived, m => m.Subject == $"{customer.Name}: your credit hold is released");
    }

    [Fact]
    public async Task A_settlement_the_import_did_not_report_is_cleared_by_the_next_run()
    {
        var customer = await AddCustomerAsync(language: null);
        await ImportAsync(Invoice(customer, "INV-S", 300m, Today.AddDays(-40)));
        await RunJobAsync();
        Assert.Equal(["HoldPlaced"], Kinds(await EscalationAsync(customer)));

        // Settled behind the import's back, as when the server stops between the import's commit and its listener.
        await _server.WithDbAsync(async db =>
        {
            var invoice = await db.Set<ReceivableItem>().SingleAsync(i => i.CustomerId == customer.Id);
            invoice.Allocate(invoice.OpenMinor);
            return await db.SaveChangesAsync();
        });
        Assert.Equal("Running", (await EscalationAsync(customer)).GetProperty("case").GetProperty("status").GetString());

        var run = await RunJobAsync();

        Assert.Equal(1, run.CasesCleared);
        var cleared = await EscalationAsync(customer);
        Assert.Equal("Closed", cleared.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(["HoldReleased", "HoldPlaced"], Kinds(cleared));
        await AssertCreditCheckAsync(customer, blockedByHold: false);
    }

    [Fact]
    public async Task A_promise_to_pay_pauses_the_escalation_and_a_broken_one_resumes_it()
    {
        var customer = await AddCustomerAsync(language: "zh-CN");
        await ImportAsync(Invoice(customer, "INV-P", 500m, Today.AddDays(-15)));
        using var sally = await _server.As(Users.Sally);
        await Http.Problem(await sally.PostAsJsonAsync($"/api/customers/{customer.Id}/promise-to-pay", new { date = Iso(Today.AddDays(5)) }),
            HttpStatusCode.Conflict, "no_escalation_case");

        // Fifteen days past due on the first run: straight to level 2, the reminder skipped.
        await RunJobAsync();
        var started = await EscalationAsync(customer);
        Assert.Equal(["FormalNotice"], Kinds(started));
        Assert.Equal("zh-CN", started.GetProperty("letters")[0].GetProperty("language").GetString());

        var past = await Http.Problem(await sally.PostAsJsonAsync($"/api/customers/{customer.Id}/promise-to-pay", new { date = Iso(Today.AddDays(-1)) }),
            HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(past.GetProperty("errors").TryGetProperty("date", out _));
        await Http.Problem(await sally.PostAsJsonAsync($"/api/customers/{customer.Id}/promise-to-pay", new { date = Iso(Today.AddDays(61)) }),
            HttpStatusCode.BadRequest, "invalid_request");
        using (var sam = await _server.As(Users.Sam))
        {
            await Http.Problem(await sam.PostAsJsonAsync($"/api/customers/{customer.Id}/promise-to-pay", new { date = Iso(Today.AddDays(5)) }),
                HttpStatusCode.NotFound, "not_found");
        }

        // The account owner records the promise on the follow-up task: 20 days ahead.
        var task = Assert.Single(await OpenTasksAsync(customer, EscalationProcess.Tasks.CallCustomer));
        var tooFar = await sally.PostAsJsonAsync($"/api/tasks/{task}/complete",
            new { variables = new { outcome = "promised", promisedDate = Iso(Today.AddDays(90)) } });
        await Http.Problem(tooFar, HttpStatusCode.BadRequest, "invalid_request");
        await Http.Ensure(await sally.PostAsJsonAsync($"/api/tasks/{task}/complete",
            new { variables = new { outcome = "promised", promisedDate = Iso(Today.AddDays(20)), note = "pays after the holidays" } }), HttpStatusCode.OK);
        var promised = await EscalationAsync(customer);
        Assert.Equal(Iso(Today.AddDays(20)), promised.GetProperty("case").GetProperty("promisedUntil").GetString());
        Assert.Equal(Users.Sally, promised.GetProperty("case").GetProperty("promisedBy").GetString());
        await Http.Problem(await sally.PostAsJsonAsync($"/api/customers/{customer.Id}/promise-to-pay", new { date = Iso(Today.AddDays(3)) }),
            HttpStatusCode.Conflict, "promise_in_force");

        // Day 30 passes during the promise: no hold.
        await AdvanceDaysAsync(20);
        await RunJobAsync();
        Assert.Equal(["FormalNotice"], Kinds(await EscalationAsync(customer)));

        // The promised day ends unpaid: the promise is broken and the next run escalates.
        await AdvanceDaysAsync(1);
        Assert.True(await _server.RunDueJobsAsync() >= 1);
        var broken = await EscalationAsync(customer);
        Assert.Equal(JsonValueKind.Null, broken.GetProperty("case").GetProperty("promisedUntil").ValueKind);
        await RunJobAsync();
        var held = await EscalationAsync(customer);
        Assert.Equal(["HoldPlaced", "FormalNotice"], Kinds(held));
        Assert.Equal(3, held.GetProperty("case").GetProperty("level").GetInt32());

        // The credit manager takes a promise through the API now.
        using var mia = await _server.As(Users.Mia);
        var byApi = await Http.Json(await mia.PostAsJsonAsync($"/api/customers/{customer.Id}/promise-to-pay", new { date = Iso(Today.AddDays(7)), note = "called" }),
            HttpStatusCode.OK);
        Assert.Equal(Iso(Today.AddDays(7)), byApi.GetProperty("case").GetProperty("promisedUntil").GetString());
    }

    [Fact]
    public async Task A_run_stopped_after_two_batches_resumes_without_skipping_or_doubling_anyone()
    {
        var customers = new List<Customer>();
        for (var i = 0; i < 7; i++)
        {
            var customer = await AddCustomerAsync(language: null);
            customers.Add(customer);
            await ImportAsync(Invoice(customer, $"INV-K{i}", 100m + i, Today.AddDays(-3)));
        }

        var ids = customers.Select(c => c.Id).ToHashSet();
        var sweep = _server.Services.GetRequiredService<EscalationSweep>();
        using var stop = new CancellationTokenSource();
        var batches = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sweep.RunAsync(stop.Token, _ =>
        {
            if (++batches == 2)
            {
                stop.Cancel();
            }

            return Task.CompletedTask;
        }));

        var stopped = await _server.WithDbAsync(db => db.Set<DunningRun>().SingleAsync(r => r.FinishedAt == null));
        Assert.Equal(2, stopped.Batches);
        Assert.NotNull(stopped.LastCustomerId);
        var casesAfterStop = await CasesAsync(ids);
        Assert.InRange(casesAfterStop, 1, 6);

        var resumed = await sweep.RunAsync(CancellationToken.None);
        Assert.Equal(stopped.Id, resumed.Id);
        Assert.NotNull(resumed.FinishedAt);
        Assert.Equal(7, await CasesAsync(ids));
        var letters = await _server.WithDbAsync(db => db.Set<DunningLetter>().Where(l => ids.Contains(l.CustomerId)).GroupBy(l => l.CustomerId)
            .Select(g => g.Count()).ToListAsync());
        Assert.Equal(Enumerable.Repeat(1, 7), letters);
        var instances = await _server.WithDbAsync(db => db.Set<WorkflowInstanceEntity>()
            .CountAsync(i => i.ProcessKey == EscalationProcess.Key && i.Status != "Completed"));
        Assert.Equal(7, instances);
    }

    [Fact]
    public async Task Two_steps_for_the_same_customer_at_once_open_one_case()
    {
        var customer = await AddCustomerAsync(language: null);
        await ImportAsync(Invoice(customer, "INV-R", 700m, Today.AddDays(-2)));

        async Task<EscalationStep?> StepAsync()
        {
            await using var scope = _server.Services.CreateAsyncScope();
            try
            {
                return await scope.ServiceProvider.GetRequiredService<CustomerEscalation>().EscalateAsync(customer.Id, Today, CancellationToken.None);
            }
            catch (Exception ex) when (ex is DbUpdateException or Engine.Stores.ConcurrencyException or InvalidOperationException)
            {
                return null;
            }
        }

        var steps = await Task.WhenAll(StepAsync(), StepAsync());

        Assert.Single(steps, s => s == EscalationStep.Started);
        Assert.Equal(1, await CasesAsync([customer.Id]));
        Assert.Equal(1, await _server.WithDbAsync(db => db.Set<DunningLetter>().CountAsync(l => l.CustomerId == customer.Id)));
        Assert.Equal(1, await _server.WithDbAsync(db => db.Set<WorkflowInstanceEntity>()
            .CountAsync(i => i.ProcessKey == EscalationProcess.Key && i.BusinessKey == customer.Id.ToString())));
    }

    private async Task<Customer> AddCustomerAsync(string? language)
    {
        var customer = await ReceivablesCustomers.AddAsync(_server, limit: 100_000m);
        customer.ContactEmail = $"ap-{customer.Id:N}@customer.test";
        customer.Language = language;
        await _server.WithDbAsync(db =>
        {
            db.Update(customer);
            return db.SaveChangesAsync();
        });
        return customer;
    }

    private async Task ImportAsync(params object[] rows)
    {
        using var mia = await _server.As(Users.Mia);
        var report = await Http.Json(await mia.PostAsJsonAsync("/api/receivables/import", new { rows }), HttpStatusCode.OK);
        Assert.Equal(0, report.GetProperty("refused").GetInt32());
    }

    private static object Invoice(Customer customer, string id, decimal amount, DateOnly due) => new
    {
        kind = "Invoice", externalId = id, registrationNumber = customer.RegistrationNumber,
        currency = "CNY", issueDate = Iso(due.AddDays(-30)), dueDate = Iso(due), amount,
    };

    private static object Payment(Customer customer, string id, decimal amount) => new
    {
        kind = "Payment", externalId = id, registrationNumber = customer.RegistrationNumber, currency = "CNY",
        issueDate = "2026-01-01", amount,
    };

    private static object Allocation(string payment, string invoice, decimal amount) => new { kind = "PaymentAllocation", externalId = payment, invoice, amount };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task AdvanceDaysAsync(int days)
    {
        _server.Advance(TimeSpan.FromDays(days));
        return Task.CompletedTask;
    }

    private async Task<DunningRun> RunJobAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<OverdueEscalationJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
        return await _server.WithDbAsync(db => db.Set<DunningRun>().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).FirstAsync());
    }

    private async Task<JsonElement> EscalationAsync(Customer customer)
    {
        using var mia = await _server.As(Users.Mia);
        return await Http.Json(await mia.GetAsync($"/api/customers/{customer.Id}/escalation"), HttpStatusCode.OK);
    }

    private static List<string?> Kinds(JsonElement escalation) =>
        escalation.GetProperty("letters").EnumerateArray().Select(l => l.GetProperty("kind").GetString()).ToList();

    private Task<List<string>> OpenTasksAsync(Customer customer, string elementId) =>
        _server.WithDbAsync(db => db.Set<WorkflowTaskEntity>()
            .Where(t => t.BusinessKey == customer.Id.ToString() && t.ElementId == elementId && t.Status == "Open").Select(t => t.Id).ToListAsync());

    private Task<int> OutboxCountAsync(Customer customer) =>
        _server.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.To.Contains(customer.ContactEmail!)));

    private Task<int> CasesAsync(IReadOnlyCollection<Guid> ids) =>
        _server.WithDbAsync(db => db.Set<DunningCase>().CountAsync(c => ids.Contains(c.CustomerId) && c.Status == DunningCaseStatus.Running));

    private async Task AssertCreditCheckAsync(Customer customer, bool blockedByHold)
    {
        using var mia = await _server.As(Users.Mia);
        var check = await Http.Json(await mia.GetAsync($"/api/customers/{customer.Id}/credit-check?amount=1"), HttpStatusCode.OK);
        var reasons = check.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Equal(blockedByHold, reasons.Contains("credit_hold"));
    }

    private async Task DispatchAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync();
    }
}

public sealed class OverdueEscalationOnSqliteFacts(MaildevFixture maildev) : OverdueEscalationFacts(maildev)
{
    protected override Task<OnboardingServer> StartServerAsync(IReadOnlyDictionary<string, string?> settings) => Task.FromResult(OnboardingServer.Start(settings));
}

public sealed class OverdueEscalationOnPostgreSqlFacts(MaildevFixture maildev) : OverdueEscalationFacts(maildev)
{
    protected override Task<OnboardingServer> StartServerAsync(IReadOnlyDictionary<string, string?> settings) => OnboardingServer.StartOnPostgreSqlAsync(settings);
}
