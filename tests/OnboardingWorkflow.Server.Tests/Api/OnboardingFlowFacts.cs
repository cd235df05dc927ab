using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>The onboarding flow end to end through HTTP, for each approval tier and each way out.</summary>
[Collection(HangfireHostCollection.Name)]
public abstract class OnboardingFlowFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;
    private Onboarding _flow = null!;

    /// <summary>Starts the server on the database this class of the suite runs on.</summary>
    protected abstract Task<OnboardingServer> StartServerAsync();

    public async Task InitializeAsync()
    {
        _server = await StartServerAsync();
        await _server.SeedUsersAsync();
        _flow = new Onboarding(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Low_tier_is_approved_by_one_analyst_and_the_customer_becomes_active_with_its_limit()
    {
        var profile = Onboarding.Low;
        var id = await _flow.SubmitAsync(Users.Sally, profile);
        Assert.Equal("DocumentCollection", (await _flow.DetailAsync(id)).GetProperty("application").GetProperty("stage").GetString());

        await _flow.CollectDocumentsAsync(Users.Sally, id, profile);
        await _flow.ReviewAndDiligenceAsync(id, profile);
        var scored = await _flow.DetailAsync(id);
        Assert.Equal("Approval", scored.GetProperty("application").GetProperty("stage").GetString());
        Assert.Equal("Low", scored.GetProperty("score").GetProperty("tier").GetString());
        Assert.Equal("AM-1-ANALYST", scored.GetProperty("score").GetProperty("approvalRule").GetString());
        Assert.True(scored.GetProperty("score").GetProperty("explanation").GetProperty("score").GetProperty("characteristics").GetArrayLength() > 5);

        // A second analyst approves: the one who reviewed may approve too (different task, not the maker).
        await _flow.CompleteAsync(Users.Alan, id, "approveAnalyst", new { decision = "approve", comment = "within limits" });
        Assert.Equal("Contracting", (await _flow.DetailAsync(id)).GetProperty("application").GetProperty("stage").GetString());
        await _flow.SignContractAsync(Users.Sally, id);

        var done = await _flow.DetailAsync(id);
        Assert.Equal("Active", done.GetProperty("application").GetProperty("status").GetString());
        Assert.Equal("Completed", done.GetProperty("application").GetProperty("stage").GetString());
        Assert.Equal(80_000m, done.GetProperty("application").GetProperty("approvedLimit").GetDecimal());
        Assert.NotNull(done.GetProperty("contract").GetProperty("signedAt").GetString());

        var customerId = done.GetProperty("application").GetProperty("customerId").GetGuid();
        using var auditor = await _server.As(Users.Audrey);
        var customer = await Http.Json(await auditor.GetAsync($"/api/customers/{customerId}"), HttpStatusCode.OK);
        Assert.Equal("Active", customer.GetProperty("status").GetString());
        Assert.Equal(80_000m, customer.GetProperty("profile").GetProperty("creditLimit").GetDecimal());
        Assert.Equal("2027-03-02", customer.GetProperty("profile").GetProperty("nextReview").GetString());
        var outcomes = customer.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(["DocumentVerified", "DocumentVerified", "DocumentVerified", "DocumentsComplete", "Scored", "Approve", "Activated"], outcomes);
        Assert.All(customer.GetProperty("decisions").EnumerateArray().Where(d => d.GetProperty("outcome").GetString() is "Scored" or "Approve"),
            d => Assert.Contains("default-scorecard@", d.GetProperty("policyVersion").GetString()));

        var mails = await _server.WithDbAsync(db => db.Set<OutboxMessage>().ToListAsync());
        Assert.Contains(mails, m => m.To.Contains(Users.Sally) && m.Subject.Contains("active customer"));
        Assert.Contains(mails, m => m.To.Contains(Users.Sally) && m.Subject.StartsWith("Decision on"));
    }

    [Fact]
    public async Task Medium_tier_needs_a_credit_manager_and_an_analyst_cannot_take_the_task()
    {
        var profile = Onboarding.Medium;
        var id = await _flow.SubmitAsync(Users.Sally, profile);
        await _flow.CollectDocumentsAsync(Users.Sally, id, profile);
        await _flow.ReviewAndDiligenceAsync(id, profile);
        var scored = await _flow.DetailAsync(id);
        Assert.Equal("Medium", scored.GetProperty("score").GetProperty("tier").GetString());

        var task = await _flow.TaskIdAsync(id, "approveManager");
        await Http.Problem(await _flow.TryCompleteAsync(Users.Alan, task, new { decision = "approve" }), HttpStatusCode.Forbidden, "forbidden");
        await Http.Ensure(await _flow.TryCompleteAsync(Users.Mia, task, new { decision = "approve", comment = "ok" }), HttpStatusCode.OK);
        await _flow.SignContractAsync(Users.Sally, id);
        Assert.Equal("Active", (await _flow.DetailAsync(id)).GetProperty("application").GetProperty("status").GetString());
    }

    [Fact]
    public async Task High_tier_goes_to_the_committee_and_the_second_approval_completes_the_vote()
    {
        var profile = Onboarding.High;
        var id = await _flow.SubmitAsync(Users.Sally, profile);
        await _flow.CollectDocumentsAsync(Users.Sally, id, profile);
        await _flow.ReviewAndDiligenceAsync(id, profile);
        var scored = await _flow.DetailAsync(id);
        Assert.Equal("High", scored.GetProperty("score").GetProperty("tier").GetString());
        var votes = scored.GetProperty("waitingTasks").EnumerateArray().Where(t => t.GetProperty("elementId").GetString() == "approveCommittee").ToList();
        Assert.Equal(3, votes.Count);

        await _flow.CompleteAsync(Users.Ray, id, "approveCommittee", new { decision = "approve" }, assignee: Users.Ray);
        var ritaTask = await _flow.TaskIdAsync(id, "approveCommittee", Users.Rita);
        var robTask = await _flow.TaskIdAsync(id, "approveCommittee", Users.Rob);

        // Nobody votes with someone else's ballot.
        await Http.Problem(await _flow.TryCompleteAsync(Users.Ray, robTask, new { decision = "approve" }), HttpStatusCode.Forbidden, "forbidden");
        await Http.Ensure(await _flow.TryCompleteAsync(Users.Rita, ritaTask, new { decision = "approve" }), HttpStatusCode.OK);

        var afterQuorum = await _flow.DetailAsync(id);
        Assert.DoesNotContain(afterQuorum.GetProperty("waitingTasks").EnumerateArray(), t => t.GetProperty("elementId").GetString() == "approveCommittee");
        Assert.Equal("Contracting", afterQuorum.GetProperty("application").GetProperty("stage").GetString());
        await Http.Problem(await _flow.TryCompleteAsync(Users.Rob, robTask, new { decision = "approve" }), HttpStatusCode.Conflict, "task_already_completed");

        var approvals = afterQuorum.GetProperty("decisions").EnumerateArray().Where(d => d.GetProperty("outcome").GetString() == "Approve").Select(d => d.GetProperty("decidedBy").GetString()).ToList();
        Assert.Equal([Users.Ray, Users.Rita], approvals);
    }

    [Fact]
    public async Task A_knock_out_rule_rejects_after_scoring_and_tells_the_maker()
    {
        var profile = Onboarding.Low;
        var id = await _flow.SubmitAsync(Users.Sally, profile);
        await _flow.CollectDocumentsAsync(Users.Sally, id, profile);
        await _flow.ReviewAndDiligenceAsync(id, profile, new { forgedDocuments = true });

        var detail = await _flow.DetailAsync(id);
        Assert.Equal("Rejected", detail.GetProperty("application").GetProperty("status").GetString());
        Assert.True(detail.GetProperty("score").GetProperty("knockedOut").GetBoolean());
        Assert.Contains("forged", detail.GetProperty("outcome").GetString());
        Assert.Empty(detail.GetProperty("waitingTasks").EnumerateArray());
        var mails = await _server.WithDbAsync(db => db.Set<OutboxMessage>().ToListAsync());
        Assert.Contains(mails, m => m.To.Contains(Users.Sally) && m.Subject.Contains("rejected"));
    }

    [Fact]
    public async Task A_customer_on_the_negative_list_is_rejected_at_submission_before_any_document_is_asked_for()
    {
        var registration = "91NEGATIVE" + Guid.NewGuid().ToString("N")[..6];
        using (var manager = await _server.As(Users.Mia))
        {
            await Http.Ensure(await manager.PostAsJsonAsync("/api/negative-list", new { registrationNumber = registration, reason = "fraud" }), HttpStatusCode.Created);
            var list = await Http.Json(await manager.GetAsync("/api/negative-list"), HttpStatusCode.OK);
            Assert.Contains(list.EnumerateArray(), e => e.GetProperty("registrationNumber").GetString() == registration && e.GetProperty("addedBy").GetString() == Users.Mia);
        }

        var id = await _flow.SubmitAsync(Users.Sally, Onboarding.Low, registration: registration);

        var detail = await _flow.DetailAsync(id);
        Assert.Equal("Rejected", detail.GetProperty("application").GetProperty("status").GetString());
        Assert.Contains(detail.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "NegativeListHit");
        Assert.Empty(detail.GetProperty("waitingTasks").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("score").ValueKind);
    }

    [Fact]
    public async Task Request_info_returns_to_the_maker_and_the_second_round_is_approved()
    {
        var profile = Onboarding.Medium;
        var id = await _flow.SubmitAsync(Users.Sally, profile);
        await _flow.CollectDocumentsAsync(Users.Sally, id, profile);
        await _flow.ReviewAndDiligenceAsync(id, profile);
        await _flow.CompleteAsync(Users.Mia, id, "approveManager", new { decision = "request-info", comment = "need the tax records" });

        var back = await _flow.DetailAsync(id);
        Assert.Equal("DocumentCollection", back.GetProperty("application").GetProperty("stage").GetString());
        using (var sales = await _server.As(Users.Sally))
        {
            await Http.Ensure(await sales.PostAsync($"/api/applications/{id}/documents", Onboarding.Upload("TaxRecords", Onboarding.Pdf)), HttpStatusCode.Created);
        }

        await _flow.CompleteAsync(Users.Sally, id, "collectDocuments", new { comment = "tax records added" });
        await _flow.ReviewAndDiligenceAsync(id, profile);
        await _flow.CompleteAsync(Users.Mia, id, "approveManager", new { decision = "approve" });
        await _flow.SignContractAsync(Users.Sally, id);

        var done = await _flow.DetailAsync(id);
        Assert.Equal("Active", done.GetProperty("application").GetProperty("status").GetString());
        var outcomes = done.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(2, outcomes.Count(o => o == "Scored"));
        Assert.Contains("RequestInfo", outcomes);
    }

    [Fact]
    public async Task Incomplete_documents_are_withdrawn_after_14_days_with_reminders_on_the_way()
    {
        var id = await _flow.SubmitAsync(Users.Sally, Onboarding.Low);
        _server.Advance(TimeSpan.FromDays(7));
        await _server.RunDueJobsAsync();
        Assert.Equal("InProgress", (await _flow.DetailAsync(id)).GetProperty("application").GetProperty("status").GetString());

        _server.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await _server.RunDueJobsAsync();

        var detail = await _flow.DetailAsync(id);
        Assert.Equal("Withdrawn", detail.GetProperty("application").GetProperty("status").GetString());
        Assert.Empty(detail.GetProperty("waitingTasks").EnumerateArray());
        var mails = await _server.WithDbAsync(db => db.Set<OutboxMessage>().ToListAsync());
        Assert.True(mails.Count(m => m.Subject.StartsWith("Reminder")) >= 2);
        Assert.Contains(mails, m => m.Subject.Contains("withdrawn"));
    }

    [Fact]
    public async Task A_second_application_for_an_open_case_is_rejected_as_duplicate()
    {
        var registration = "91DUP" + Guid.NewGuid().ToString("N")[..8];
        await _flow.SubmitAsync(Users.Sally, Onboarding.Low, registration: registration);
        var second = await _flow.SubmitAsync(Users.Sam, Onboarding.Low, registration: registration);

        var detail = await _flow.DetailAsync(second);
        Assert.Equal("Rejected", detail.GetProperty("application").GetProperty("status").GetString());
        Assert.Contains("open", detail.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_restarted_server_on_the_same_database_continues_the_case()
    {
        var profile = Onboarding.Low;
        var id = await _flow.SubmitAsync(Users.Sally, profile);
        await _flow.CollectDocumentsAsync(Users.Sally, id, profile);

        var first = _server;
        _server = OnboardingServer.Restart(first);
        await first.DisposeAsync();
        _flow = new Onboarding(_server);

        await _flow.ReviewAndDiligenceAsync(id, profile);
        await _flow.CompleteAsync(Users.Alan, id, "approveAnalyst", new { decision = "approve" });
        await _flow.SignContractAsync(Users.Sally, id);
        Assert.Equal("Active", (await _flow.DetailAsync(id)).GetProperty("application").GetProperty("status").GetString());
    }
}
