using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Application.Common;
using OnboardingWorkflow.Application.EmailReview;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Web.Tests.Pages;

/// <summary>
/// The decision link page as a mail client's browser meets it: plain HTTP, cookies, no scripts and
/// no sign-in. A GET shows the case and changes nothing; the POST of its form (with the antiforgery
/// field of the GET) decides as the link's user, on the e-mail-link channel. Every refusal says what
/// happened with a fitting status and leaves the task open, no decision added and the link unused.
/// </summary>
public sealed partial class ReviewLinkFacts
{
    [Fact]
    public async Task A_committee_member_decides_by_link_and_every_refusal_changes_nothing()
    {
        await using var server = OnboardingServer.Start();
        await server.SeedUsersAsync();
        var flow = new Onboarding(server);
        var profile = Onboarding.High;
        var id = await flow.SubmitAsync(Users.Sally, profile, name: "Link Review Trading Co");
        await flow.CollectDocumentsAsync(Users.Sally, id, profile);
        await flow.VerifyDocumentsAsync(id);

        // A group task claimed by a colleague after the e-mail went out is theirs now.
        var reviewTask = await flow.TaskIdAsync(id, "reviewDocuments");
        var anaLink = await IssueAsync(server, reviewTask, Users.Ana, "complete");
        using (var alan = await server.As(Users.Alan))
        {
            await Http.Ensure(await alan.PostAsync($"/api/tasks/{reviewTask}/claim", null), HttpStatusCode.OK);
        }

        using (var browser = new LinkBrowser(server))
        {
            await browser.AssertRefusedAsync(anaLink, HttpStatusCode.Gone, EmailRefusal.Reassigned);
            await AssertUntouchedAsync(server, reviewTask, anaLink);
        }

        await flow.CompleteAsync(Users.Alan, id, "reviewDocuments", new { decision = "complete" });
        await flow.CompleteAsync(Users.Ana, id, "recordFindings", new { variables = profile.Questionnaire });

        var rayTask = await flow.TaskIdAsync(id, "approveCommittee", Users.Ray);
        var ritaTask = await flow.TaskIdAsync(id, "approveCommittee", Users.Rita);
        var robTask = await flow.TaskIdAsync(id, "approveCommittee", Users.Rob);
        var rayLink = await IssueAsync(server, rayTask, Users.Ray, "approve");
        var ritaOnRobsTask = await IssueAsync(server, robTask, Users.Rita, "approve");
        var ritaUndeclared = await IssueAsync(server, ritaTask, Users.Rita, "escalate");
        var robLink = await IssueAsync(server, robTask, Users.Rob, "approve");

        using var page = new LinkBrowser(server);

        // Opening the link (twice, as a link scanner and then the person) shows the case and decides nothing.
        var shown = await page.OpenAsync(rayLink);
        Assert.Contains("Link Review Trading Co", shown.Html);
        Assert.Contains("Committee vote", shown.Html);
        Assert.Contains("Approve", shown.Html);
        Assert.DoesNotContain("name=\"Password\"", shown.Html);
        await page.OpenAsync(rayLink);
        await AssertUntouchedAsync(server, rayTask, rayLink);

        // The summary the page (and the task e-mails) show: the case's figures, the grade with its main reasons, the contract's decisions.
        var scored = await flow.DetailAsync(id);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var task = await scope.ServiceProvider.GetRequiredService<WorkflowEngine>().Options.Instances.FindTaskAsync(rayTask, CancellationToken.None);
            var summary = await scope.ServiceProvider.GetRequiredService<TaskMailSummaries>().GetAsync(task!, CancellationToken.None);
            Assert.Equal(("Link Review Trading Co", profile.RequestedLimit, profile.RequestedLimit), (summary.CustomerName, summary.RequestedLimit, summary.Amount));
            Assert.Equal(scored.GetProperty("score").GetProperty("grade").GetString(), summary.Grade);
            Assert.Equal(["approve", "reject", "request-info"], summary.Decisions.Select(d => d.Id));
            Assert.InRange(summary.Reasons.Count, 1, TaskMailSummaries.MaxReasons);
            Assert.All(summary.Reasons, reason => Assert.Contains(reason, shown.Html));
            Assert.Contains(summary.Grade!, shown.Html);
        }

        // A form without its antiforgery field, or with a comment beyond 2,000 characters, decides nothing and shows no trace of the server's code.
        using (var forged = new HttpClient { BaseAddress = server.BaseAddress })
        {
            var response = await forged.PostAsync("/review/" + Uri.EscapeDataString(rayLink),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "review-decision", ["Comment"] = "" }));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
        }

        var tooLong = await page.AssertRefusedAsync(rayLink, (HttpStatusCode)422, EmailRefusal.Refused, post: shown, comment: new string('c', 2001));
        Assert.Contains("2000", tooLong.Html);
        await AssertUntouchedAsync(server, rayTask, rayLink);
        Assert.True(await server.WithDbAsync(db => db.Set<AuditEvent>()
            .AnyAsync(a => a.Action == "task.read" && a.EntityId == rayTask && a.Actor == Users.Ray && a.Channel == "email-link")));

        // The form's POST decides, as Ray, on the link's channel.
        var decided = await page.PostAsync(rayLink, shown, comment: "approved from my phone");
        Assert.Equal(HttpStatusCode.OK, decided.Status);
        Assert.Contains("Decision recorded", decided.Html);
        var decision = await server.WithDbAsync(db => db.Set<CreditDecision>().AsNoTracking().SingleAsync(d => d.TaskId == rayTask));
        Assert.Equal((Users.Ray, DecisionOutcome.Approve, "email-link", "approved from my phone"), (decision.DecidedBy, decision.Outcome, decision.Channel, decision.Comment));
        var applicationKey = id.ToString();
        Assert.True(await server.WithDbAsync(db => db.Set<AuditEvent>()
            .AnyAsync(a => a.Action == "decision.Approve" && a.EntityId == applicationKey && a.Actor == Users.Ray && a.Channel == "email-link")));
        Assert.NotNull(await server.WithDbAsync(db => db.Set<EmailActionToken>().Where(t => t.TaskId == rayTask).Select(t => t.UsedAt).SingleAsync()));
        var caseView = await flow.DetailAsync(id);
        Assert.Contains(caseView.GetProperty("decisions").EnumerateArray(),
            d => d.GetProperty("taskId").GetString() == rayTask && d.GetProperty("channel").GetString() == "email-link");

        // The same form sent again: the link decides only once.
        var decisions = await DecisionCountAsync(server, id);
        await page.AssertRefusedAsync(rayLink, HttpStatusCode.Gone, EmailRefusal.Used, post: shown);
        Assert.Equal(decisions, await DecisionCountAsync(server, id));

        // An altered link names nothing.
        var tampered = robLink[..^6] + (robLink[^6] == 'A' ? 'B' : 'A') + robLink[^5..];
        await page.AssertRefusedAsync(tampered, HttpStatusCode.NotFound, EmailRefusal.Invalid);
        await page.AssertRefusedAsync(tampered, HttpStatusCode.NotFound, EmailRefusal.Invalid, post: shown);

        // A link of Rita's on Rob's vote acts as Rita, whoever sends it (Rob signed in included): she may not cast his vote.
        var ritasView = await page.OpenAsync(ritaOnRobsTask);
        using (var robSignedIn = new LinkBrowser(server, await server.As(Users.Rob)))
        {
            var refused = await robSignedIn.AssertRefusedAsync(ritaOnRobsTask, (HttpStatusCode)422, EmailRefusal.Refused, post: await robSignedIn.OpenAsync(ritaOnRobsTask));
            Assert.Contains("may not complete task", refused.Html);
        }

        Assert.Equal(HttpStatusCode.OK, ritasView.Status);
        await AssertUntouchedAsync(server, robTask, ritaOnRobsTask);

        // The rules of the task refuse what its contract does not declare, with the use case's own message.
        var undeclared = await page.AssertRefusedAsync(ritaUndeclared, (HttpStatusCode)422, EmailRefusal.Refused, post: await page.OpenAsync(ritaUndeclared));
        Assert.Contains("decision", undeclared.Html);
        await AssertUntouchedAsync(server, ritaTask, ritaUndeclared);
        Assert.Equal(decisions, await DecisionCountAsync(server, id));

        // A disabled account's links do nothing.
        var robForm = await page.OpenAsync(robLink);
        var robId = await server.WithDbAsync(db => db.Users.Where(u => u.UserName == Users.Rob).Select(u => u.Id).SingleAsync());
        using (var admin = await server.As(Users.Admin))
        {
            await Http.Ensure(await admin.PostAsync($"/api/users/{robId}/disable", null), HttpStatusCode.OK);
            await page.AssertRefusedAsync(robLink, HttpStatusCode.Forbidden, EmailRefusal.UserDisabled);
            await page.AssertRefusedAsync(robLink, HttpStatusCode.Forbidden, EmailRefusal.UserDisabled, post: robForm);
            await Http.Ensure(await admin.PostAsync($"/api/users/{robId}/enable", null), HttpStatusCode.OK);
        }

        await AssertUntouchedAsync(server, robTask, robLink);

        // Past its 72 hours a link has expired.
        server.Advance(TimeSpan.FromHours(73));
        await page.AssertRefusedAsync(robLink, HttpStatusCode.Gone, EmailRefusal.Expired);
        await page.AssertRefusedAsync(robLink, HttpStatusCode.Gone, EmailRefusal.Expired, post: robForm);
        await AssertUntouchedAsync(server, robTask, robLink);

        // A vote cast in the dashboard after the e-mail went out ends its link.
        var ritaLink = await IssueAsync(server, ritaTask, Users.Rita, "reject");
        var ritaForm = await page.OpenAsync(ritaLink);
        await flow.CompleteAsync(Users.Rita, id, "approveCommittee", new { decision = "approve" }, assignee: Users.Rita);
        decisions = await DecisionCountAsync(server, id);
        await page.AssertRefusedAsync(ritaLink, HttpStatusCode.Gone, EmailRefusal.TaskEnded);
        await page.AssertRefusedAsync(ritaLink, HttpStatusCode.Gone, EmailRefusal.TaskEnded, post: ritaForm);
        Assert.Equal(decisions, await DecisionCountAsync(server, id));
        Assert.Null(await server.WithDbAsync(db => db.Set<EmailActionToken>().Where(t => t.TaskId == ritaTask && t.Decision == "reject").Select(t => t.UsedAt).SingleAsync()));
    }

    [Fact]
    public async Task An_analyst_decides_by_link_a_group_task_that_nobody_has_taken()
    {
        await using var server = OnboardingServer.Start();
        await server.SeedUsersAsync();
        var flow = new Onboarding(server);
        var profile = Onboarding.Low;
        var id = await flow.SubmitAsync(Users.Sally, profile);
        await flow.CollectDocumentsAsync(Users.Sally, id, profile);
        await flow.ReviewAndDiligenceAsync(id, profile);
        var task = await flow.TaskIdAsync(id, "approveAnalyst");
        var alanLink = await IssueAsync(server, task, Users.Alan, "approve");

        using var page = new LinkBrowser(server);
        var decided = await page.PostAsync(alanLink, await page.OpenAsync(alanLink), comment: "offered to the group, decided by me");

        Assert.True(decided.Status == HttpStatusCode.OK, decided.Html);
        Assert.Contains("Decision recorded", decided.Html);
        var decision = await server.WithDbAsync(db => db.Set<CreditDecision>().AsNoTracking().SingleAsync(d => d.TaskId == task));
        Assert.Equal((Users.Alan, DecisionOutcome.Approve, "email-link"), (decision.DecidedBy, decision.Outcome, decision.Channel));
        Assert.Equal("Contracting", (await flow.DetailAsync(id)).GetProperty("application").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Above_the_step_up_amount_the_link_asks_for_the_password_in_the_reviewers_language()
    {
        await using var server = OnboardingServer.Start(new Dictionary<string, string?> { ["EmailReview:StepUpAmount"] = "10000" });
        await server.SeedUsersAsync();
        var flow = new Onboarding(server);
        var profile = Onboarding.High;
        var id = await flow.SubmitAsync(Users.Sally, profile);
        await flow.CollectDocumentsAsync(Users.Sally, id, profile);
        await flow.ReviewAndDiligenceAsync(id, profile);
        var rayTask = await flow.TaskIdAsync(id, "approveCommittee", Users.Ray);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserPreferences>().SetCultureAsync(new CurrentUser(Users.Ray, []), "zh-CN");
        }

        var rayLink = await IssueAsync(server, rayTask, Users.Ray, "approve");
        using var page = new LinkBrowser(server);

        // Ray reads Chinese, whatever the browser asks for.
        var form = await page.OpenAsync(rayLink);
        Assert.Contains("name=\"Password\"", form.Html);
        Assert.Contains("您的密码", form.Html);
        Assert.Contains("通过邮件链接决定", form.Html);

        var wrong = await page.AssertRefusedAsync(rayLink, HttpStatusCode.Forbidden, EmailRefusal.StepUpFailed, post: form, password: "not-my-password");
        Assert.Contains("密码错误", wrong.Html);
        await AssertUntouchedAsync(server, rayTask, rayLink);
        Assert.Equal(1, await server.WithDbAsync(db => db.Users.Where(u => u.UserName == Users.Ray).Select(u => u.AccessFailedCount).SingleAsync()));

        var right = await page.PostAsync(rayLink, wrong, comment: "guarantee seen", password: OnboardingServer.Password);
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains("决定已记录", right.Html);
        var decision = await server.WithDbAsync(db => db.Set<CreditDecision>().AsNoTracking().SingleAsync(d => d.TaskId == rayTask));
        Assert.Equal((Users.Ray, "email-link"), (decision.DecidedBy, decision.Channel));
        Assert.Equal(0, await server.WithDbAsync(db => db.Users.Where(u => u.UserName == Users.Ray).Select(u => u.AccessFailedCount).SingleAsync()));
    }

    /// <summary>Issues a decision link on the task for the user, as the task e-mail would, and saves it.</summary>
    private static async Task<string> IssueAsync(OnboardingServer server, string taskId, string userName, string decision)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var task = await scope.ServiceProvider.GetRequiredService<WorkflowEngine>().Options.Instances.FindTaskAsync(taskId, CancellationToken.None)
            ?? throw new InvalidOperationException($"no task {taskId}");
        var link = scope.ServiceProvider.GetRequiredService<EmailActions>().IssueLink(task, userName, decision);
        await scope.ServiceProvider.GetRequiredService<OnboardingDbContext>().SaveChangesAsync();
        return link;
    }

    /// <summary>The task is still open, and no link on it has been used.</summary>
    private static async Task AssertUntouchedAsync(OnboardingServer server, string taskId, string link)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var task = await scope.ServiceProvider.GetRequiredService<WorkflowEngine>().Options.Instances.FindTaskAsync(taskId, CancellationToken.None);
        Assert.Equal(UserTaskStatus.Open, task!.Status);
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        Assert.False(await db.Set<CreditDecision>().AnyAsync(d => d.TaskId == taskId));
        Assert.False(await db.Set<EmailActionToken>().AnyAsync(t => t.TaskId == taskId && t.UsedAt != null));
        Assert.NotEmpty(link);
    }

    private static Task<int> DecisionCountAsync(OnboardingServer server, Guid applicationId) =>
        server.WithDbAsync(db => db.Set<CreditDecision>().CountAsync(d => d.ApplicationId == applicationId));

    /// <summary>A page as received: its status, its HTML (entities decoded) and the hidden fields of its form.</summary>
    private sealed record Received(HttpStatusCode Status, string Html, IReadOnlyDictionary<string, string> Hidden);

    /// <summary>A browser without scripts: keeps cookies, follows no redirect, sends forms as they are.</summary>
    private sealed class LinkBrowser : IDisposable
    {
        private readonly HttpClient _client;

        public LinkBrowser(OnboardingServer server, HttpClient? signedIn = null)
        {
            _client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
            _client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
            if (signedIn?.DefaultRequestHeaders.Authorization is { } authorization)
            {
                _client.DefaultRequestHeaders.Authorization = authorization;
            }
        }

        public async Task<Received> OpenAsync(string link) => await ReadAsync(await _client.GetAsync(Address(link)));

        public async Task<Received> PostAsync(string link, Received form, string? comment = null, string? password = null)
        {
            var fields = new Dictionary<string, string>(form.Hidden);
            Assert.True(fields.ContainsKey("__RequestVerificationToken"), "the page has no antiforgery field: " + form.Html);
            fields["Comment"] = comment ?? "";
            if (password is not null)
            {
                fields["Password"] = password;
            }

            return await ReadAsync(await _client.PostAsync(Address(link), new FormUrlEncodedContent(fields)));
        }

        /// <summary>Opens (or, with a form, posts to) the link and expects the refusal's status and its message, never a stack trace.</summary>
        public async Task<Received> AssertRefusedAsync(string link, HttpStatusCode status, EmailRefusal refusal, Received? post = null, string? password = null,
            string? comment = null)
        {
            var received = post is null ? await OpenAsync(link) : await PostAsync(link, post, comment, password);
            Assert.True(status == received.Status, $"expected {status}, got {received.Status}: {received.Html}");
            Assert.Contains($"data-refusal=\"{refusal}\"", received.Html);
            Assert.DoesNotContain("Exception", received.Html);
            Assert.DoesNotContain("Decision recorded", received.Html);
            return received;
        }

        private static string Address(string link) => "/review/" + Uri.EscapeDataString(link);

        private static async Task<Received> ReadAsync(HttpResponseMessage response)
        {
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            var hidden = HiddenField().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            return new Received(response.StatusCode, html, hidden);
        }

        public void Dispose() => _client.Dispose();
    }

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)"\s*/?>""")]
    private static partial Regex HiddenField();
}
