using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.EarlyWarning;
using OnboardingWorkflow.Application.Reviews;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Server.Email;
using OnboardingWorkflow.Server.Jobs;
using OnboardingWorkflow.Server.Tests.Email;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>
/// The early-warning job end to end on the real server (manual clock): order surges and falls that
/// request a review, an overdue ratio that puts the account on hold, a warning e-mailed to the
/// credit managers in their language (arriving at maildev), the same day run twice, a stopped run
/// resumed, and qualification documents that expire. The default policy: order change +100 % or
/// -40 % is an alert (review), overdue ratio 25 % an alert (hold), utilisation 90 % a warning (notify).
/// </summary>
[Collection(HangfireHostCollection.Name)]
public abstract class EarlyWarningFacts(MaildevFixture maildev) : IAsyncLifetime
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
            ["Warnings:BatchSize"] = "2",
        });
        await _server.SeedUsersAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_sudden_order_surge_raises_an_alert_with_its_evidence_and_requests_a_review()
    {
        var calm = await AddCustomerAsync();
        await AddOrderAsync(calm, 10_000m, Today.AddDays(-40));
        await AddOrderAsync(calm, 12_000m, Today.AddDays(-5));
        var surging = await AddCustomerAsync();
        await AddOrderAsync(surging, 10_000m, Today.AddDays(-40));
        await AddOrderAsync(surging, 30_000m, Today.AddDays(-5));

        var run = await RunJobAsync();

        Assert.Equal(1, run.ReviewsRequested);
        Assert.Empty(await AlertsAsync(calm));
        var alert = Assert.Single(await AlertsAsync(surging));
        Assert.Equal("OrderVolumeSurge", alert.GetProperty("indicator").GetString());
        Assert.Equal("Alert", alert.GetProperty("level").GetString());
        Assert.Equal("Review", alert.GetProperty("action").GetString());
        Assert.Equal(2.0, alert.GetProperty("value").GetDouble(), 6);
        Assert.Equal(1.0, alert.GetProperty("threshold").GetDouble(), 6);
        Assert.True(alert.GetProperty("reviewRequested").GetBoolean());
        Assert.Equal(Iso(Today.AddDays(-59)), alert.GetProperty("periodStart").GetString());
        Assert.Equal(Iso(Today), alert.GetProperty("periodEnd").GetString());
        var evidence = alert.GetProperty("evidence");
        Assert.Equal(30_000m, evidence.GetProperty("ordersThisPeriod").GetDecimal());
        Assert.Equal(10_000m, evidence.GetProperty("ordersPreviousPeriod").GetDecimal());
        var request = Assert.Single(await ReviewRequestsAsync(surging));
        Assert.Contains("OrderVolumeSurge", request, StringComparison.Ordinal);
        Assert.Contains(alert.GetProperty("id").GetString()!, request, StringComparison.Ordinal);
        Assert.Empty(await ReviewRequestsAsync(calm));

        // The request brings the review forward to today; the morning's review run opens it, and only it.
        Assert.Equal(Today, await NextReviewAsync(surging));
        Assert.Equal(Today.AddYears(1), await NextReviewAsync(calm));
        var reviews = await _server.Services.GetRequiredService<ReviewSweep>().RunAsync(CancellationToken.None);
        Assert.Equal(1, reviews.CasesStarted);
        var opened = await _server.WithDbAsync(db => db.Set<ReviewCase>().ToListAsync());
        var review = Assert.Single(opened);
        Assert.Equal((surging.Id, Today, ReviewCaseStatus.Running), (review.CustomerId, review.DueDate, review.Status));

        // While it runs, another alert's request joins it instead of opening a second review.
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IReviewTrigger>().StartTriggeredReviewAsync(surging.Id, "a second cause", null, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<OnboardingWorkflow.Data.OnboardingDbContext>().SaveChangesAsync();
        }

        Assert.Contains(await ReviewRequestsAsync(surging), d => d.StartsWith("a second cause: a review is running", StringComparison.Ordinal));
        _server.Clock.Advance(TimeSpan.FromDays(1));
        await _server.Services.GetRequiredService<ReviewSweep>().RunAsync(CancellationToken.None);
        Assert.Single(await _server.WithDbAsync(db => db.Set<ReviewCase>().ToListAsync()));
    }

    private Task<DateOnly> NextReviewAsync(Customer customer) =>
        _server.WithDbAsync(db => db.Set<CreditProfile>().Where(p => p.CustomerId == customer.Id).Select(p => p.NextReview).SingleAsync());

    [Fact]
    public async Task A_sudden_fall_in_orders_requests_a_review_too()
    {
        var falling = await AddCustomerAsync();
        await AddOrderAsync(falling, 10_000m, Today.AddDays(-40));
        await AddOrderAsync(falling, 5_000m, Today.AddDays(-5));

        await RunJobAsync();

        var alert = Assert.Single(await AlertsAsync(falling));
        Assert.Equal("OrderVolumeChange", alert.GetProperty("indicator").GetString());
        Assert.Equal(-0.5, alert.GetProperty("value").GetDouble(), 6);
        Assert.Equal(-0.4, alert.GetProperty("threshold").GetDouble(), 6);
        Assert.Single(await ReviewRequestsAsync(falling));
    }

    [Fact]
    public async Task An_overdue_ratio_above_the_alert_threshold_puts_the_account_on_hold_and_the_credit_check_blocks()
    {
        var customer = await AddCustomerAsync();
        await AddInvoiceAsync(customer, "INV-O", 300m, issued: Today.AddDays(-40), due: Today.AddDays(-10));
        await AddInvoiceAsync(customer, "INV-C", 700m, issued: Today.AddDays(-5), due: Today.AddDays(25));
        await AssertCreditCheckAsync(customer, blockedByHold: false);

        var run = await RunJobAsync();

        Assert.Equal(1, run.HoldsPlaced);
        var alert = Assert.Single(await AlertsAsync(customer));
        Assert.Equal(("OverdueRatio", "Hold"), (alert.GetProperty("indicator").GetString(), alert.GetProperty("action").GetString()));
        Assert.Equal(0.3, alert.GetProperty("value").GetDouble(), 6);
        Assert.Equal(300m, alert.GetProperty("evidence").GetProperty("overdueAmount").GetDecimal());
        Assert.Equal(1000m, alert.GetProperty("evidence").GetProperty("openReceivables").GetDecimal());
        var hold = await _server.WithDbAsync(db => db.Set<CreditHold>().SingleAsync(h => h.CustomerId == customer.Id));
        Assert.Equal(CreditHoldSource.EarlyWarning, hold.Source);
        Assert.True(hold.InForce);
        Assert.Equal(alert.GetProperty("holdId").GetGuid(), hold.Id);
        Assert.Single(await ReviewRequestsAsync(customer));
        await AssertCreditCheckAsync(customer, blockedByHold: true);
    }

    [Fact]
    public async Task A_warning_is_e_mailed_to_each_credit_manager_in_their_language_and_the_same_day_again_changes_nothing()
    {
        await _server.WithDbAsync(db => db.Users.Where(u => u.UserName == Users.Max).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, "zh-CN")));
        var customer = await AddCustomerAsync();
        await AddOrderAsync(customer, 95_000m, Today.AddDays(-100), OrderStatus.Open);

        var first = await RunJobAsync();

        Assert.Equal((1, 0, 0), (first.AlertsRaised, first.ReviewsRequested, first.HoldsPlaced));
        var alert = Assert.Single(await AlertsAsync(customer));
        Assert.Equal(("LimitUtilisation", "Warning", "Notify"),
            (alert.GetProperty("indicator").GetString(), alert.GetProperty("level").GetString(), alert.GetProperty("action").GetString()));
        Assert.Empty(await ReviewRequestsAsync(customer));
        await DispatchAsync();
        var arrived = await maildev.WaitForMessagesAsync(customer.Name, count: 2);
        Assert.Equal([Users.Max, Users.Mia], arrived.Select(m => m.To.Single().Address).Order(StringComparer.Ordinal));
        var english = arrived.Single(m => m.To.Single().Address == Users.Mia);
        Assert.Equal($"Early warning for {customer.Name}: 1 new alert", english.Subject);
        Assert.Contains("Limit utilisation: 0.95 (warning threshold 0.9)", english.Text, StringComparison.Ordinal);
        var chinese = arrived.Single(m => m.To.Single().Address == Users.Max);
        Assert.Equal($"风险预警：{customer.Name} 新增 1 条预警", chinese.Subject);
        Assert.Contains("额度使用率", chinese.Text, StringComparison.Ordinal);

        // The same day again: no alert, no e-mail, no review, no hold; and neither the next day, the condition being the same.
        var state = await StateAsync();
        var again = await RunJobAsync();
        Assert.Equal(0, again.AlertsRaised);
        Assert.Equal(state, await StateAsync());
        _server.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await RunJobAsync()).AlertsRaised);
        Assert.Single(await AlertsAsync(customer));
    }

    [Fact]
    public async Task A_run_stopped_after_two_batches_resumes_without_skipping_or_doubling_anyone()
    {
        var customers = new List<Customer>();
        for (var i = 0; i < 7; i++)
        {
            var customer = await AddCustomerAsync();
            customers.Add(customer);
            await AddOrderAsync(customer, 10_000m, Today.AddDays(-40));
            await AddOrderAsync(customer, 25_000m + i, Today.AddDays(-3));
        }

        var ids = customers.Select(c => c.Id).ToHashSet();
        var sweep = _server.Services.GetRequiredService<EarlyWarningSweep>();
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

        var stopped = await _server.WithDbAsync(db => db.Set<EarlyWarningRun>().SingleAsync(r => r.FinishedAt == null));
        Assert.Equal(2, stopped.Batches);
        var alertedAfterStop = await _server.WithDbAsync(db => db.Set<EarlyWarningAlert>().Where(a => ids.Contains(a.CustomerId)).CountAsync());
        Assert.InRange(alertedAfterStop, 1, 6);

        var resumed = await sweep.RunAsync(CancellationToken.None);

        Assert.Equal(stopped.Id, resumed.Id);
        Assert.NotNull(resumed.FinishedAt);
        var perCustomer = await _server.WithDbAsync(db => db.Set<EarlyWarningAlert>().Where(a => ids.Contains(a.CustomerId)).GroupBy(a => a.CustomerId)
            .Select(g => g.Count()).ToListAsync());
        Assert.Equal(Enumerable.Repeat(1, 7), perCustomer);
        foreach (var customer in customers)
        {
            Assert.Single(await ReviewRequestsAsync(customer));
        }
    }

    [Fact]
    public async Task A_run_stopped_while_the_next_batches_are_read_ahead_writes_none_of_them_and_resumes_exactly_once()
    {
        var customers = await SurgingCustomersAsync(9);
        var ids = customers.Select(c => c.Id).ToHashSet();
        var sweep = _server.Services.GetRequiredService<EarlyWarningSweep>();
        using var stop = new CancellationTokenSource();
        var phases = new EarlyWarningPhases();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sweep.RunAsync(stop.Token, async _ =>
        {
            // Let the reader fill the channel with the next batch before stopping.
            await Task.Delay(200);
            stop.Cancel();
        }, phases));

        var stopped = await _server.WithDbAsync(db => db.Set<EarlyWarningRun>().SingleAsync(r => r.FinishedAt == null));
        Assert.Equal(1, stopped.Batches);
        Assert.Equal(2, stopped.CustomersEvaluated);
        Assert.Equal(2, await _server.WithDbAsync(db => db.Set<EarlyWarningAlert>().CountAsync(a => ids.Contains(a.CustomerId))));

        var resumed = await sweep.RunAsync(CancellationToken.None);

        Assert.Equal(stopped.Id, resumed.Id);
        Assert.Equal(9, resumed.CustomersEvaluated);
        Assert.Equal(5, resumed.Batches);
        await AssertOneAlertAndOneReviewEachAsync(customers);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_run_whose_checkpoint_another_process_moves_meanwhile_goes_on_from_there_without_doubling_anyone(bool otherFinishes)
    {
        var customers = await SurgingCustomersAsync(7);
        var sweep = _server.Services.GetRequiredService<EarlyWarningSweep>();
        var batches = 0;

        var run = await sweep.RunAsync(CancellationToken.None, async _ =>
        {
            if (++batches != 1)
            {
                return;
            }

            // Another server picks up today's run after this one's first batch (whose next batch is read already) and does one batch, or all the rest.
            using var stop = new CancellationTokenSource();
            var other = sweep.RunAsync(stop.Token, _ =>
            {
                if (!otherFinishes)
                {
                    stop.Cancel();
                }

                return Task.CompletedTask;
            });
            if (otherFinishes)
            {
                Assert.NotNull((await other).FinishedAt);
            }
            else
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => other);
            }
        });

        Assert.NotNull(run.FinishedAt);
        Assert.Equal(7, run.CustomersEvaluated);
        Assert.Equal(4, run.Batches);
        await AssertOneAlertAndOneReviewEachAsync(customers);
    }

    private async Task<List<Customer>> SurgingCustomersAsync(int count)
    {
        var customers = new List<Customer>();
        for (var i = 0; i < count; i++)
        {
            var customer = await AddCustomerAsync();
            customers.Add(customer);
            await AddOrderAsync(customer, 10_000m, Today.AddDays(-40));
            await AddOrderAsync(customer, 25_000m + i, Today.AddDays(-3));
        }

        return customers;
    }

    private async Task AssertOneAlertAndOneReviewEachAsync(IReadOnlyCollection<Customer> customers)
    {
        var ids = customers.Select(c => c.Id).ToHashSet();
        var perCustomer = await _server.WithDbAsync(db => db.Set<EarlyWarningAlert>().Where(a => ids.Contains(a.CustomerId)).GroupBy(a => a.CustomerId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(ids.Order(), perCustomer.Select(c => c.Key).Order());
        Assert.All(perCustomer, c => Assert.Equal(1, c.Count));
        foreach (var customer in customers)
        {
            Assert.Single(await ReviewRequestsAsync(customer));
        }
    }

    [Fact]
    public async Task An_expiring_licence_raises_one_renewal_task_for_the_account_owner()
    {
        var customer = await AddCustomerAsync();
        var licence = await AddDocumentAsync(customer, DocumentType.BusinessLicence, Today.AddDays(20));
        var farOff = await AddCustomerAsync();
        await AddDocumentAsync(farOff, DocumentType.BusinessLicence, Today.AddDays(40));

        var run = await RunJobAsync();

        Assert.Equal(1, run.RenewalsStarted);
        var renewal = await _server.WithDbAsync(db => db.Set<QualificationRenewal>().SingleAsync());
        Assert.Equal((licence.Id, Today.AddDays(20), true), (renewal.DocumentId, renewal.ExpiresOn, renewal.Mandatory));
        Assert.Null(renewal.ReviewRequestedAt);
        Assert.Single(await RenewalTasksAsync(customer));
        Assert.Empty(await RenewalTasksAsync(farOff));
        Assert.Empty(await ReviewRequestsAsync(customer));
        var warning = Assert.Single(await AlertsAsync(customer));
        Assert.Equal(("QualificationDaysLeft", "Warning"), (warning.GetProperty("indicator").GetString(), warning.GetProperty("level").GetString()));

        // The account owner sees the task in the inbox; another salesperson does not.
        var task = Assert.Single(await RenewalTasksAsync(customer));
        using (var sally = await _server.As(Users.Sally))
        {
            var inbox = await Http.Json(await sally.GetAsync("/api/tasks?pageSize=100"), HttpStatusCode.OK);
            Assert.Contains(inbox.EnumerateArray(), t => t.GetProperty("id").GetString() == task);
        }

        using (var sam = await _server.As(Users.Sam))
        {
            var inbox = await Http.Json(await sam.GetAsync("/api/tasks?pageSize=100"), HttpStatusCode.OK);
            Assert.DoesNotContain(inbox.EnumerateArray(), t => t.GetProperty("id").GetString() == task);
        }

        // The same day and the days after: still one task (the other licence is still outside the window).
        await RunJobAsync();
        _server.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, (await RunJobAsync()).RenewalsStarted);
        Assert.Equal([task], await RenewalTasksAsync(customer));
        Assert.Equal(1, await _server.WithDbAsync(db => db.Set<QualificationRenewal>().CountAsync()));

        // The owner completes it by the task's contract.
        using var owner = await _server.As(Users.Sally);
        await Http.Problem(await owner.PostAsJsonAsync($"/api/tasks/{task}/complete", new { variables = new { outcome = "lost" } }),
            HttpStatusCode.BadRequest, "task_contract_violation");
        await Http.Ensure(await owner.PostAsJsonAsync($"/api/tasks/{task}/complete",
            new { variables = new { outcome = "renewed", newExpiresOn = Iso(Today.AddYears(1)), note = "new licence uploaded" } }), HttpStatusCode.OK);
        Assert.Empty(await RenewalTasksAsync(customer));
        Assert.Equal("Completed", await _server.WithDbAsync(db => db.Set<WorkflowInstanceEntity>().Where(i => i.Id == renewal.InstanceId).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task An_expired_mandatory_document_requests_a_review_once()
    {
        var customer = await AddCustomerAsync();
        await AddDocumentAsync(customer, DocumentType.BankReference, Today.AddDays(5));
        await RunJobAsync();
        Assert.Single(await RenewalTasksAsync(customer));
        Assert.Empty(await ReviewRequestsAsync(customer));

        _server.Advance(TimeSpan.FromDays(5));
        var expired = await RunJobAsync();

        Assert.Equal((0, 1), (expired.RenewalsStarted, expired.ReviewsRequested));
        var request = Assert.Single(await ReviewRequestsAsync(customer));
        Assert.Contains("BankReference expired on " + Iso(Today), request, StringComparison.Ordinal);
        Assert.NotNull(await _server.WithDbAsync(db => db.Set<QualificationRenewal>().Select(r => r.ReviewRequestedAt).SingleAsync()));
        Assert.Single(await RenewalTasksAsync(customer));

        _server.Advance(TimeSpan.FromDays(1));
        await RunJobAsync();
        Assert.Single(await ReviewRequestsAsync(customer));
    }

    [Fact]
    public async Task Alerts_are_read_by_credit_managers_auditors_and_admins_and_acknowledged_once_with_a_comment()
    {
        var customer = await AddCustomerAsync();
        await AddOrderAsync(customer, 10_000m, Today.AddDays(-40));
        await AddOrderAsync(customer, 5_000m, Today.AddDays(-5));
        await RunJobAsync();
        var id = Assert.Single(await AlertsAsync(customer)).GetProperty("id").GetGuid();

        using var sally = await _server.As(Users.Sally);
        await Http.Problem(await sally.GetAsync("/api/alerts"), HttpStatusCode.Forbidden, "forbidden");
        await Http.Problem(await sally.GetAsync($"/api/customers/{customer.Id}/alerts"), HttpStatusCode.Forbidden, "forbidden");
        using var audrey = await _server.As(Users.Audrey);
        var open = await Http.Json(await audrey.GetAsync("/api/alerts?status=open"), HttpStatusCode.OK);
        Assert.Equal(1, open.GetProperty("total").GetInt32());
        await Http.Problem(await audrey.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { comment = "seen" }), HttpStatusCode.Forbidden, "forbidden");
        await Http.Problem(await audrey.GetAsync("/api/alerts?status=closed"), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await audrey.GetAsync("/api/alerts?pageSize=101"), HttpStatusCode.BadRequest, "invalid_request");

        using var mia = await _server.As(Users.Mia);
        var blank = await Http.Problem(await mia.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { comment = " " }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(blank.GetProperty("errors").TryGetProperty("comment", out _));
        await Http.Problem(await mia.PostAsJsonAsync($"/api/alerts/{Guid.NewGuid()}/acknowledge", new { comment = "x" }), HttpStatusCode.NotFound, "not_found");
        var done = await Http.Json(await mia.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { comment = "called the buyer: seasonal" }), HttpStatusCode.OK);
        Assert.Equal(("Acknowledged", Users.Mia), (done.GetProperty("status").GetString(), done.GetProperty("acknowledgedBy").GetString()));
        await Http.Problem(await mia.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { comment = "again" }), HttpStatusCode.Conflict, "alert_acknowledged");

        Assert.Equal(0, (await Http.Json(await mia.GetAsync("/api/alerts?status=open"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
        var acknowledged = await Http.Json(await mia.GetAsync("/api/alerts?status=acknowledged"), HttpStatusCode.OK);
        Assert.Equal("called the buyer: seasonal", acknowledged.GetProperty("items")[0].GetProperty("acknowledgeComment").GetString());
    }

    private async Task<Customer> AddCustomerAsync() => await ReceivablesCustomers.AddAsync(_server, limit: 100_000m);

    private Task AddOrderAsync(Customer customer, decimal amount, DateOnly date, OrderStatus status = OrderStatus.Delivered) =>
        _server.WithDbAsync(db =>
        {
            var now = _server.Clock.GetUtcNow();
            db.Add(new CustomerOrder
            {
                Id = Guid.NewGuid(), CustomerId = customer.Id, ExternalId = "ORD-" + Guid.NewGuid().ToString("N")[..12], Currency = "CNY", OrderDate = date,
                AmountMinor = (long)(amount * 100), Status = status, CreatedAt = now, UpdatedAt = now,
            });
            return db.SaveChangesAsync();
        });

    private Task AddInvoiceAsync(Customer customer, string id, decimal amount, DateOnly issued, DateOnly due) =>
        _server.WithDbAsync(db =>
        {
            var now = _server.Clock.GetUtcNow();
            var invoice = new ReceivableItem
            {
                Id = Guid.NewGuid(), CustomerId = customer.Id, Kind = ReceivableKind.Invoice, ExternalId = id + "-" + customer.Id.ToString("N")[..8], Currency = "CNY",
                IssueDate = issued, DueDate = due, CreatedAt = now, UpdatedAt = now,
            };
            invoice.SetAmount((long)(amount * 100));
            db.Add(invoice);
            return db.SaveChangesAsync();
        });

    private Task<Document> AddDocumentAsync(Customer customer, DocumentType type, DateOnly expiresOn) =>
        _server.WithDbAsync(async db =>
        {
            var now = _server.Clock.GetUtcNow();
            var application = new OnboardingApplication
            {
                Id = Guid.NewGuid(), CustomerId = customer.Id, Status = ApplicationStatus.Active, Stage = ApplicationStage.Completed, CustomerType = "company",
                RequestedLimit = 100_000m, RequestedTermsDays = 30, Maker = Users.Sally, CreatedAt = now, UpdatedAt = now,
            };
            var document = new Document
            {
                Id = Guid.NewGuid(), ApplicationId = application.Id, Type = type, FileName = $"{type}.pdf", ContentType = "application/pdf",
                ContentHash = new string('a', 64), Size = 1, StoragePath = $"documents/{Guid.NewGuid():N}", ExpiresOn = expiresOn, UploadedBy = Users.Sally,
                UploadedAt = now, Verification = VerificationState.Verified, VerifiedBy = Users.Ana, VerifiedAt = now,
            };
            db.AddRange(application, document);
            await db.SaveChangesAsync();
            return document;
        });

    private async Task<EarlyWarningRun> RunJobAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<EarlyWarningJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
        return await _server.WithDbAsync(db => db.Set<EarlyWarningRun>().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).FirstAsync());
    }

    private async Task<List<JsonElement>> AlertsAsync(Customer customer)
    {
        using var mia = await _server.As(Users.Mia);
        var page = await Http.Json(await mia.GetAsync($"/api/customers/{customer.Id}/alerts?pageSize=100"), HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private Task<List<string>> ReviewRequestsAsync(Customer customer) =>
        _server.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.Action == TriggeredReviews.Action && e.CustomerId == customer.Id)
            .Select(e => e.Detail ?? "").ToListAsync());

    private Task<List<string>> RenewalTasksAsync(Customer customer) =>
        _server.WithDbAsync(db => db.Set<WorkflowTaskEntity>()
            .Where(t => t.BusinessKey == customer.Id.ToString() && t.ElementId == QualificationProcess.Tasks.RenewQualification && t.Status == "Open")
            .Select(t => t.Id).ToListAsync());

    /// <summary>Counts of everything a run may add: alerts, holds, review requests, outbox messages, renewals.</summary>
    private Task<(int, int, int, int, int)> StateAsync() =>
        _server.WithDbAsync(async db => (await db.Set<EarlyWarningAlert>().CountAsync(), await db.Set<CreditHold>().CountAsync(),
            await db.Set<AuditEvent>().CountAsync(e => e.Action == TriggeredReviews.Action), await db.Set<OutboxMessage>().CountAsync(),
            await db.Set<QualificationRenewal>().CountAsync()));

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

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class EarlyWarningOnSqliteFacts(MaildevFixture maildev) : EarlyWarningFacts(maildev)
{
    protected override Task<OnboardingServer> StartServerAsync(IReadOnlyDictionary<string, string?> settings) => Task.FromResult(OnboardingServer.Start(settings));
}

public sealed class EarlyWarningOnPostgreSqlFacts(MaildevFixture maildev) : EarlyWarningFacts(maildev)
{
    protected override Task<OnboardingServer> StartServerAsync(IReadOnlyDictionary<string, string?> settings) => OnboardingServer.StartOnPostgreSqlAsync(settings);
}
