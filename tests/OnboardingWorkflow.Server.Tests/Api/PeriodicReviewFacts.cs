using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
/// Periodic reviews end to end on the real server and workflows/periodic-review.bpmn: the daily
/// job run on the days that matter (manual clock, Reviews:LeadTimeDays 30), the statements task
/// with its reminder, the re-scoring, the approval by the authority matrix's level with
/// maker-checker, the next review by the new tier, the e-mails through the outbox to maildev,
/// and the job's idempotence: the same day again, two runs at once, a run stopped midway.
/// </summary>
[Collection(HangfireHostCollection.Name)]
public abstract class PeriodicReviewFacts(MaildevFixture maildev) : IAsyncLifetime
{
    private OnboardingServer _server = null!;

    protected abstract Task<OnboardingServer> StartServerAsync(IReadOnlyDictionary<string, string?> settings);

    private DateOnly Today => DateOnly.FromDateTime(_server.Clock.GetUtcNow().UtcDateTime);

    public async Task InitializeAsync()
    {
        _server = await StartServerAsync(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = maildev.SmtpHost,
            ["Smtp:Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "Credit <credit@example.test>",
            ["Reviews:LeadTimeDays"] = "30",
            ["Reviews:BatchSize"] = "2",
        });
        await _server.SeedUsersAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_customer_becomes_due_and_is_reviewed_by_the_right_level_with_its_next_review_set_by_the_new_tier()
    {
        using (var sally = await _server.As(Users.Sally))
        {
            await Http.Ensure(await sally.PutAsJsonAsync("/api/auth/me/culture", new { culture = "zh-CN" }), HttpStatusCode.OK);
        }

        var customer = await AddCustomerAsync(Users.Sally, nextReview: Today.AddDays(40));

        // Forty days ahead is beyond the lead time: nothing yet.
        Assert.Equal(0, (await RunJobAsync()).CasesStarted);
        Assert.Empty((await ReviewsAsync(customer)).GetProperty("reviews").EnumerateArray());

        _server.Advance(TimeSpan.FromDays(10));
        var due = await RunJobAsync();
        Assert.Equal(1, due.CasesStarted);
        var opened = await ReviewsAsync(customer);
        var review = Assert.Single(opened.GetProperty("reviews").EnumerateArray());
        Assert.Equal(("Running", Iso(Today.AddDays(30))), (review.GetProperty("status").GetString(), review.GetProperty("dueDate").GetString()));
        Assert.Equal(Users.Sally, review.GetProperty("owner").GetString());

        // The same day again: nothing new, not even an e-mail.
        var mailsBefore = await OutboxCountAsync(Users.Sally);
        Assert.Equal(1, mailsBefore);
        Assert.Equal(1, (await RunJobAsync()).CasesStarted); // the day's run, finished: still its one case
        Assert.Single((await ReviewsAsync(customer)).GetProperty("reviews").EnumerateArray());
        Assert.Equal(mailsBefore, await OutboxCountAsync(Users.Sally));

        // No statements after 14 days: the reminder.
        _server.Advance(TimeSpan.FromDays(14));
        Assert.True(await _server.RunDueJobsAsync() >= 1);
        Assert.Equal(2, await OutboxCountAsync(Users.Sally));
        await DispatchAsync();
        var name = (await _server.WithDbAsync(db => db.Set<Customer>().SingleAsync(c => c.Id == customer))).Name;
        var arrived = await maildev.WaitForMessagesAsync(name, count: 2);
        Assert.Equal(2, arrived.Count);
        Assert.All(arrived, m => Assert.Equal(Users.Sally, m.To.Single().Address));
        Assert.Contains(arrived, m => m.Subject!.StartsWith($"{name} 信用复审", StringComparison.Ordinal) && m.Text!.Contains(Iso(Today.AddDays(16)), StringComparison.Ordinal));
        Assert.Contains(arrived, m => m.Subject!.StartsWith("提醒", StringComparison.Ordinal));

        // Sally says "submitted" before sending anything, then sends the statements.
        using var sales = await _server.As(Users.Sally);
        var statementsTask = await OpenTaskAsync(review, ReviewProcess.Tasks.CollectStatements);
        await Http.Problem(await CompleteAsync(sales, statementsTask, new { statements = "submitted" }), HttpStatusCode.Conflict, "statements_missing");
        var sent = await Http.Json(await sales.PostAsJsonAsync($"/api/customers/{customer}/reviews/statements", Onboarding.Low.Statements), HttpStatusCode.OK);
        Assert.True(sent.GetProperty("reviews")[0].GetProperty("statementsSent").GetBoolean());
        await Http.Ensure(await CompleteAsync(sales, statementsTask, new { statements = "submitted", note = "audited accounts" }), HttpStatusCode.OK);

        // Re-scored: low tier, a proposal within the current limit, an analyst decides.
        var scored = (await ReviewsAsync(customer)).GetProperty("reviews")[0];
        Assert.Equal("Low", scored.GetProperty("tier").GetString());
        Assert.Equal("analyst", scored.GetProperty("approvalLevel").GetString());
        var proposed = scored.GetProperty("proposedLimit").GetDecimal();
        Assert.InRange(proposed, 1m, 50_000m);
        var approval = await OpenTaskAsync(review, ReviewProcess.Tasks.ApproveAnalyst);
        Assert.Empty(await OpenTasksAsync(review, ReviewProcess.Tasks.ApproveManager));
        using var alan = await _server.As(Users.Alan);
        await Http.Problem(await CompleteAsync(alan, approval, new { decision = "approve", approvedLimit = 50_000.01m }), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await CompleteAsync(alan, approval, new { decision = "approve", unknownField = 1 }), HttpStatusCode.BadRequest, "task_contract_violation");
        await Http.Ensure(await CompleteAsync(alan, approval, new { decision = "approve", approvedTermsDays = 45 }), HttpStatusCode.OK);

        var decided = await ReviewsAsync(customer);
        var done = decided.GetProperty("reviews")[0];
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal((proposed, 45), (done.GetProperty("approvedLimit").GetDecimal(), done.GetProperty("approvedTermsDays").GetInt32()));
        // Low tier: yearly, from the day of the decision.
        Assert.Equal(Iso(Today.AddYears(1)), done.GetProperty("nextReview").GetString());
        Assert.Equal(Iso(Today.AddYears(1)), decided.GetProperty("nextReview").GetString());
        var profile = await _server.WithDbAsync(db => db.Set<CreditProfile>().SingleAsync(p => p.CustomerId == customer));
        Assert.Equal((proposed, 45, "Low"), (profile.CreditLimit, profile.TermsDays, profile.Tier));
        var archive = await _server.WithDbAsync(db => db.Set<CreditDecision>().Where(d => d.CustomerId == customer).Select(d => d.Outcome).ToListAsync());
        Assert.Equal([DecisionOutcome.Approve, DecisionOutcome.Scored, DecisionOutcome.Reviewed], archive.Order());
        Assert.Equal("Completed", await _server.WithDbAsync(db => db.Set<WorkflowInstanceEntity>()
            .Where(i => i.Id == review.GetProperty("instanceId").GetGuid()).Select(i => i.Status).SingleAsync()));

        // The new cycle is a year away: the job leaves the customer alone.
        Assert.Equal(0, (await RunJobAsync()).CasesStarted);
    }

    [Fact]
    public async Task The_account_owner_never_decides_their_own_review_and_a_rejection_keeps_the_limit()
    {
        // An analyst who owns the account: a candidate of the analyst approval, and its maker.
        var customer = await AddCustomerAsync(Users.Alan, nextReview: Today.AddDays(5));
        Assert.Equal(1, (await RunJobAsync()).CasesStarted);
        var review = (await ReviewsAsync(customer)).GetProperty("reviews")[0];

        using var alan = await _server.As(Users.Alan);
        await Http.Ensure(await alan.PostAsJsonAsync($"/api/customers/{customer}/reviews/statements", Onboarding.Low.Statements), HttpStatusCode.OK);
        await Http.Ensure(await CompleteAsync(alan, await OpenTaskAsync(review, ReviewProcess.Tasks.CollectStatements), new { statements = "submitted" }), HttpStatusCode.OK);
        var approval = await OpenTaskAsync(review, ReviewProcess.Tasks.ApproveAnalyst);

        await Http.Problem(await CompleteAsync(alan, approval, new { decision = "approve" }), HttpStatusCode.Forbidden, "maker_checker_violation");
        await Http.Problem(await CompleteAsync(alan, approval, new { decision = "reject" }), HttpStatusCode.Forbidden, "maker_checker_violation");
        Assert.Equal("Running", (await ReviewsAsync(customer)).GetProperty("reviews")[0].GetProperty("status").GetString());

        using var ana = await _server.As(Users.Ana);
        await Http.Ensure(await ana.PostAsJsonAsync($"/api/tasks/{approval}/complete", new { decision = "reject", comment = "keep the limit until the audit" }),
            HttpStatusCode.OK);
        var rejected = (await ReviewsAsync(customer)).GetProperty("reviews")[0];
        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());
        Assert.Equal(Iso(Today.AddYears(1)), rejected.GetProperty("nextReview").GetString());
        var profile = await _server.WithDbAsync(db => db.Set<CreditProfile>().SingleAsync(p => p.CustomerId == customer));
        Assert.Equal((50_000m, 30, Today.AddYears(1)), (profile.CreditLimit, profile.TermsDays, profile.NextReview));
    }

    [Fact]
    public async Task An_approval_without_fields_puts_the_proposed_limit_and_terms_in_force()
    {
        var customer = await AddCustomerAsync(Users.Sally, nextReview: Today.AddDays(1));
        await RunJobAsync();
        var review = (await ReviewsAsync(customer)).GetProperty("reviews")[0];
        using var sally = await _server.As(Users.Sally);
        await Http.Ensure(await sally.PostAsJsonAsync($"/api/customers/{customer}/reviews/statements", Onboarding.Low.Statements), HttpStatusCode.OK);
        await Http.Ensure(await CompleteAsync(sally, await OpenTaskAsync(review, ReviewProcess.Tasks.CollectStatements), new { statements = "submitted" }), HttpStatusCode.OK);
        var proposal = (await ReviewsAsync(customer)).GetProperty("reviews")[0];

        using var ana = await _server.As(Users.Ana);
        await Http.Ensure(await ana.PostAsJsonAsync($"/api/tasks/{await OpenTaskAsync(review, ReviewProcess.Tasks.ApproveAnalyst)}/complete", new { decision = "approve" }),
            HttpStatusCode.OK);

        var done = (await ReviewsAsync(customer)).GetProperty("reviews")[0];
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(proposal.GetProperty("proposedLimit").GetDecimal(), done.GetProperty("approvedLimit").GetDecimal());
        Assert.Equal(proposal.GetProperty("proposedTermsDays").GetInt32(), done.GetProperty("approvedTermsDays").GetInt32());
        var profile = await _server.WithDbAsync(db => db.Set<CreditProfile>().SingleAsync(p => p.CustomerId == customer));
        Assert.Equal(proposal.GetProperty("proposedTermsDays").GetInt32(), profile.TermsDays);
    }

    [Fact]
    public async Task Without_statements_by_the_deadline_the_review_goes_on_with_those_on_file()
    {
        var customer = await AddCustomerAsync(Users.Sally, nextReview: Today.AddDays(30));
        await RunJobAsync();
        var review = (await ReviewsAsync(customer)).GetProperty("reviews")[0];

        _server.Advance(TimeSpan.FromDays(31));
        await _server.RunDueJobsAsync();

        Assert.Empty(await OpenTasksAsync(review, ReviewProcess.Tasks.CollectStatements));
        var scored = (await ReviewsAsync(customer)).GetProperty("reviews")[0];
        Assert.False(scored.GetProperty("statementsSent").GetBoolean());
        Assert.Equal(JsonValueKind.String, scored.GetProperty("approvalLevel").ValueKind);
        var level = scored.GetProperty("approvalLevel").GetString();
        var expected = level switch { "analyst" => ReviewProcess.Tasks.ApproveAnalyst, "manager" => ReviewProcess.Tasks.ApproveManager, _ => ReviewProcess.Tasks.ApproveCommittee };
        Assert.NotEmpty(await OpenTasksAsync(review, expected));
    }

    [Fact]
    public async Task Two_runs_at_once_open_one_case_per_customer()
    {
        var customers = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            customers.Add(await AddCustomerAsync(Users.Sally, nextReview: Today.AddDays(i)));
        }

        var sweep = _server.Services.GetRequiredService<ReviewSweep>();
        await Task.WhenAll(sweep.RunAsync(CancellationToken.None), sweep.RunAsync(CancellationToken.None));

        Assert.Equal(Enumerable.Repeat(1, 5), await CasesPerCustomerAsync(customers));
        Assert.Equal(5, await InstancesAsync(customers));
        Assert.Equal(5, await OutboxCountAsync(Users.Sally));
        Assert.Equal(1, await _server.WithDbAsync(db => db.Set<ReviewRun>().CountAsync()));

        // And two openings of the same review at the very same moment: the unique case row lets one through.
        var late = await AddCustomerAsync(Users.Sally, nextReview: Today.AddDays(3));
        async Task<bool> OpenAsync()
        {
            await using var scope = _server.Services.CreateAsyncScope();
            try
            {
                return await scope.ServiceProvider.GetRequiredService<CustomerReview>().StartAsync(new DueCustomer(late, Today.AddDays(3)), CancellationToken.None);
            }
            catch (Exception ex) when (ex is DbUpdateException or Engine.Stores.ConcurrencyException)
            {
                return false;
            }
        }

        var opened = await Task.WhenAll(OpenAsync(), OpenAsync());
        Assert.Single(opened, o => o);
        Assert.Equal([1], await CasesPerCustomerAsync([late]));
        Assert.Equal(1, await InstancesAsync([late]));
    }

    [Fact]
    public async Task A_run_stopped_after_two_batches_resumes_without_skipping_or_doubling_anyone()
    {
        var customers = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            customers.Add(await AddCustomerAsync(Users.Sally, nextReview: Today.AddDays(i % 3)));
        }

        var sweep = _server.Services.GetRequiredService<ReviewSweep>();
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

        var stopped = await _server.WithDbAsync(db => db.Set<ReviewRun>().SingleAsync(r => r.FinishedAt == null));
        Assert.Equal((2, 4, 4), (stopped.Batches, stopped.CustomersDue, stopped.CasesStarted));
        Assert.Equal(4, (await CasesPerCustomerAsync(customers)).Sum());

        var resumed = await sweep.RunAsync(CancellationToken.None);

        Assert.Equal(stopped.Id, resumed.Id);
        Assert.NotNull(resumed.FinishedAt);
        Assert.Equal((7, 7), (resumed.CustomersDue, resumed.CasesStarted));
        Assert.Equal(Enumerable.Repeat(1, 7), await CasesPerCustomerAsync(customers));
        Assert.Equal(7, await InstancesAsync(customers));
        Assert.Equal(7, await OutboxCountAsync(Users.Sally));
    }

    [Fact]
    public async Task Bad_input_and_strangers_get_problem_details_with_stable_codes()
    {
        var customer = await AddCustomerAsync(Users.Sally, nextReview: Today.AddDays(90));
        using var sally = await _server.As(Users.Sally);
        using var mia = await _server.As(Users.Mia);

        var status = await Http.Problem(await mia.GetAsync($"/api/customers/{customer}/reviews?status=Pending"), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(status.GetProperty("errors").TryGetProperty("status", out _));
        Assert.Single((await Http.Json(await mia.GetAsync($"/api/customers/{customer}/reviews?status=running"), HttpStatusCode.OK)).EnumerateObject(),
            p => p.Name == "reviews");
        await Http.Problem(await sally.PostAsJsonAsync($"/api/customers/{customer}/reviews/statements", Onboarding.Low.Statements), HttpStatusCode.Conflict, "no_review_case");
        await Http.Problem(await sally.PostAsJsonAsync($"/api/customers/{customer}/reviews/statements", new[] { 1, 2 }), HttpStatusCode.BadRequest, "invalid_request");
        var years = await Http.Problem(await sally.PostAsJsonAsync($"/api/customers/{customer}/reviews/statements", new { currency = "CNY", years = Array.Empty<object>() }),
            HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(years.GetProperty("errors").EnumerateObject().Any());
        using (var sam = await _server.As(Users.Sam))
        {
            await Http.Problem(await sam.GetAsync($"/api/customers/{customer}/reviews"), HttpStatusCode.NotFound, "not_found");
            await Http.Problem(await sam.PostAsJsonAsync($"/api/customers/{customer}/reviews/statements", Onboarding.Low.Statements), HttpStatusCode.NotFound, "not_found");
        }

        await Http.Problem(await mia.PostAsJsonAsync($"/api/customers/{customer}/reviews/statements", Onboarding.Low.Statements), HttpStatusCode.Forbidden, "forbidden");
        await Http.Problem(await mia.GetAsync($"/api/customers/{Guid.NewGuid()}/reviews"), HttpStatusCode.NotFound, "not_found");
    }

    private async Task<Guid> AddCustomerAsync(string owner, DateOnly nextReview)
    {
        var (customer, profile) = TestCustomers.Build(owner, _server.Clock.GetUtcNow(), 50_000m, nextReview);
        customer.FoundedOn = new DateOnly(2005, 1, 1);
        await _server.WithDbAsync(db =>
        {
            db.AddRange(customer, profile!);
            return db.SaveChangesAsync();
        });
        return customer.Id;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> CompleteAsync(HttpClient client, string task, object variables) =>
        client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { variables });

    private async Task<ReviewRun> RunJobAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<PeriodicReviewJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
        return await _server.WithDbAsync(db => db.Set<ReviewRun>().SingleAsync(r => r.AsOf == DateOnly.FromDateTime(_server.Clock.GetUtcNow().UtcDateTime)));
    }

    private async Task<JsonElement> ReviewsAsync(Guid customer)
    {
        using var mia = await _server.As(Users.Mia);
        return await Http.Json(await mia.GetAsync($"/api/customers/{customer}/reviews"), HttpStatusCode.OK);
    }

    private Task<List<string>> OpenTasksAsync(JsonElement review, string elementId)
    {
        var instance = review.GetProperty("instanceId").GetGuid();
        return _server.WithDbAsync(db => db.Set<WorkflowTaskEntity>()
            .Where(t => t.InstanceId == instance && t.ElementId == elementId && t.Status == "Open").Select(t => t.Id).ToListAsync());
    }

    private async Task<string> OpenTaskAsync(JsonElement review, string elementId) => Assert.Single(await OpenTasksAsync(review, elementId));

    private Task<int> OutboxCountAsync(string to) =>
        _server.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.To.Contains(to) && m.Category!.StartsWith(ReviewMails.Category)));

    private Task<List<int>> CasesPerCustomerAsync(IReadOnlyCollection<Guid> ids) =>
        _server.WithDbAsync(async db =>
        {
            var counts = await db.Set<ReviewCase>().Where(r => ids.Contains(r.CustomerId)).GroupBy(r => r.CustomerId)
                .Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            return ids.Select(id => counts.FirstOrDefault(c => c.Key == id)?.Count ?? 0).ToList();
        });

    private Task<int> InstancesAsync(IReadOnlyCollection<Guid> ids) =>
        _server.WithDbAsync(async db =>
        {
            var keys = (await db.Set<ReviewCase>().Where(r => ids.Contains(r.CustomerId)).Select(r => r.Id).ToListAsync()).Select(id => id.ToString()).ToList();
            return await db.Set<WorkflowInstanceEntity>().CountAsync(i => i.ProcessKey == ReviewProcess.Key && keys.Contains(i.BusinessKey!));
        });

    private async Task DispatchAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync();
    }
}

public sealed class PeriodicReviewOnSqliteFacts(MaildevFixture maildev) : PeriodicReviewFacts(maildev)
{
    protected override Task<OnboardingServer> StartServerAsync(IReadOnlyDictionary<string, string?> settings) => Task.FromResult(OnboardingServer.Start(settings));
}

public sealed class PeriodicReviewOnPostgreSqlFacts(MaildevFixture maildev) : PeriodicReviewFacts(maildev)
{
    protected override Task<OnboardingServer> StartServerAsync(IReadOnlyDictionary<string, string?> settings) => OnboardingServer.StartOnPostgreSqlAsync(settings);
}
