using System.Net;
using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Application.EmailReview;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Email;

/// <summary>
/// Reviewers decide committee votes by replying to their task e-mail: the replies go through the
/// real mailbox (postfix to dovecot), the server reads them by IMAP, acts through the dashboard's
/// use case, answers through the outbox and moves each message to the processed folder, once.
/// </summary>
public sealed class EmailRepliesFacts(MailboxFixture mailbox) : IClassFixture<MailboxFixture>
{
    private const string Committee = "approveCommittee";

    [Fact]
    public async Task A_committee_member_decides_by_reply_and_every_refused_reply_changes_nothing()
    {
        var reviews = mailbox.NewAddress("reviews");
        await using var server = OnboardingServer.Start(Settings(reviews));
        await server.SeedUsersAsync();
        await server.WithDbAsync(db => db.Users.Where(u => u.Email == Users.Rob).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, "zh-CN")));
        var flow = new Onboarding(server);
        var sweep = server.Services.GetRequiredService<ReplySweep>();

        // Rita approves in English with a comment above the quoted original; Rob agrees in Chinese; Rita's reference a second time is used.
        var first = await CommitteeAsync(flow);
        var rita = await IssueAsync(server, flow, first, Users.Rita);
        var rob = await IssueAsync(server, flow, first, Users.Rob);
        await ReplyAsync(reviews, Users.Rita, $"Re: Committee vote [{rita.Reference}]",
            "Approve.\nStrong order book, fine by me.\n\nOn Mon, 2 Mar 2026 at 09:00, Onboarding <onboarding@owf.test> wrote:\n> Reply APPROVE or REJECT on the first line.\n");
        await ReplyAsync(reviews, Users.Rob, $"回复：委员会投票 [{rob.Reference}]", "同意\n同意授信。\n\n在 2026年3月2日 09:00，Onboarding 写道：\n> 请在第一行回复 APPROVE 或 REJECT\n");
        await ReplyAsync(reviews, Users.Rita, $"Re: Committee vote [{rita.Reference}]", "REJECT\nChanged my mind.\n");
        Assert.Equal(3, await mailbox.WaitForInboxAsync(reviews, 3));

        var run = await sweep.RunAsync(CancellationToken.None);
        Assert.Equal(new ReplySweepResult(3, 0, 0), run);

        var decisions = await server.WithDbAsync(db => db.Set<CreditDecision>().AsNoTracking().Where(d => d.ApplicationId == first && d.ElementId == Committee)
            .OrderBy(d => d.DecidedAt).ThenBy(d => d.DecidedBy).ToListAsync());
        Assert.Equal([(Users.Rita, DecisionOutcome.Approve, "Strong order book, fine by me."), (Users.Rob, DecisionOutcome.Approve, "同意授信。")],
            decisions.Select(d => (d.DecidedBy, d.Outcome, d.Comment)).OrderBy(d => d.DecidedBy, StringComparer.Ordinal).ToList());
        Assert.All(decisions, d => Assert.Equal(Channels.EmailReply, d.Channel));
        var audit = await server.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(a => a.EntityId == first.ToString() && a.Action == "decision.Approve").ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(Channels.EmailReply, a.Channel));
        Assert.Equal("Contracting", (await flow.DetailAsync(first)).GetProperty("application").GetProperty("stage").GetString());

        var recorded = await RowsAsync(server, reviews);
        Assert.Equal(["decided", "decided", "used"], recorded.Select(r => r.Outcome));
        Assert.All(recorded, r => Assert.True(r.Moved && r.ProcessedAt is not null && r.UidValidity > 0));
        Assert.Equal([rita.Token, rob.Token, rita.Token], recorded.Select(r => r.TokenId));
        Assert.Equal(Users.Rita, recorded[0].Sender);
        Assert.Equal((0, 3), await FoldersAsync(reviews));

        var answers = await AnswersAsync(server);
        Assert.Equal(3, answers.Count);
        Assert.Contains(answers, m => m.To == Users.Rita && m.Subject.StartsWith("Decision recorded", StringComparison.Ordinal)
            && m.TextBody.Contains("\"Approve\"", StringComparison.Ordinal) && m.TextBody.Contains("Strong order book", StringComparison.Ordinal));
        Assert.Contains(answers, m => m.To == Users.Rob && m.Subject.StartsWith("审批意见已记录", StringComparison.Ordinal) && m.TextBody.Contains("“同意”", StringComparison.Ordinal));
        Assert.Contains(answers, m => m.To == Users.Rita && m.Subject.StartsWith("Nothing was done", StringComparison.Ordinal)
            && m.TextBody.Contains("already been used", StringComparison.Ordinal));

        // Refusals on a second case: nothing may change but the record of the reply and its answer.
        var second = await CommitteeAsync(flow);
        var wrongSender = await IssueAsync(server, flow, second, Users.Rita);
        var automatic = await IssueAsync(server, flow, second, Users.Rita);
        var quoted = await IssueAsync(server, flow, second, Users.Rita);
        var decidedElsewhere = await IssueAsync(server, flow, second, Users.Rob);
        var disabled = await IssueAsync(server, flow, second, Users.Ray);
        await flow.CompleteAsync(Users.Rob, second, Committee, new { decision = "approve", comment = "in the dashboard" }, assignee: Users.Rob);
        await DisableAsync(server, Users.Ray);

        await ReplyAsync(reviews, "mallory@example.com", $"Re: Committee vote [{wrongSender.Reference}]", "APPROVE\n");
        await ReplyAsync(reviews, Users.Rita, $"Automatic reply: Committee vote [{automatic.Reference}]", "APPROVE\nI am away until Monday.\n",
            m => m.Headers.Add("Auto-Submitted", "auto-replied"));
        await ReplyAsync(reviews, Users.Rita, $"Re: Committee vote [{quoted.Reference}]",
            "Let me look at the figures first.\n\nOn Mon, 2 Mar 2026 at 09:00, Onboarding <onboarding@owf.test> wrote:\n> APPROVE\n");
        await ReplyAsync(reviews, Users.Rob, $"Re: Committee vote [{decidedElsewhere.Reference}]", "APPROVE\n");
        await ReplyAsync(reviews, Users.Ray, $"Re: Committee vote [{disabled.Reference}]", "REJECT\nToo risky.\n");
        await ReplyAsync(reviews, "someone@example.com", "Question about my application", "APPROVE\n");
        Assert.Equal(6, await mailbox.WaitForInboxAsync(reviews, 6));
        Assert.Equal(new ReplySweepResult(6, 0, 0), await sweep.RunAsync(CancellationToken.None));

        // A reference older than its 72 hours.
        var late = await IssueAsync(server, flow, second, Users.Rita);
        server.Advance(TimeSpan.FromHours(73));
        await ReplyAsync(reviews, Users.Rita, $"Re: Committee vote [{late.Reference}]", "APPROVE\n");
        Assert.Equal(1, await mailbox.WaitForInboxAsync(reviews, 1));
        Assert.Equal(new ReplySweepResult(1, 0, 0), await sweep.RunAsync(CancellationToken.None));

        recorded = await RowsAsync(server, reviews);
        Assert.Equal(["wrong-sender", "auto-reply", "not-understood", "task-ended", "user-disabled", "no-token", "expired"], recorded.Skip(3).Select(r => r.Outcome));
        Assert.All(recorded, r => Assert.True(r.Moved));
        Assert.Equal((0, 10), await FoldersAsync(reviews));

        // Rita's and Ray's votes are still open; the only decision is Rob's in the dashboard; no token was used.
        var detail = await flow.DetailAsync(second);
        var open = detail.GetProperty("waitingTasks").EnumerateArray().Where(t => t.GetProperty("elementId").GetString() == Committee)
            .Select(t => t.GetProperty("assignee").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([Users.Ray, Users.Rita], open);
        var secondDecisions = await server.WithDbAsync(db => db.Set<CreditDecision>().AsNoTracking().Where(d => d.ApplicationId == second && d.ElementId == Committee).ToListAsync());
        var only = Assert.Single(secondDecisions);
        Assert.Equal((Users.Rob, (string?)null), (only.DecidedBy, only.Channel));
        var tokens = new[] { wrongSender.Token, automatic.Token, quoted.Token, decidedElsewhere.Token, disabled.Token, late.Token };
        Assert.Equal(0, await server.WithDbAsync(db => db.Set<EmailActionToken>().CountAsync(t => tokens.Contains(t.Id) && t.UsedAt != null)));

        // Nobody but the registered address is answered; automatic messages never are.
        answers = await AnswersAsync(server);
        Assert.DoesNotContain(answers, m => m.To.Contains("mallory", StringComparison.Ordinal));
        Assert.Equal(3 + 5, answers.Count);
        Assert.Contains(answers, m => m.To == Users.Rita && m.TextBody.Contains("not understood", StringComparison.Ordinal));
        Assert.Contains(answers, m => m.To == Users.Rob && m.TextBody.Contains("已被处理或撤回", StringComparison.Ordinal));
        Assert.Contains(answers, m => m.To == Users.Ray && m.TextBody.Contains("account is disabled", StringComparison.Ordinal));
        Assert.Contains(answers, m => m.To == "someone@example.com" && m.TextBody.Contains("names no task", StringComparison.Ordinal));
        Assert.Contains(answers, m => m.To == Users.Rita && m.TextBody.Contains("has expired", StringComparison.Ordinal));
        var refusedAudit = await server.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking().Where(a => a.Action == "email.refused").ToListAsync());
        Assert.Contains(refusedAudit, a => a.Actor == "mallory@example.com" && a.Channel == Channels.EmailReply && a.Detail!.Contains("wrong-sender", StringComparison.Ordinal));

        // Running again finds nothing to do, and neither does a second server on the same database started meanwhile.
        Assert.Equal(ReplySweepResult.Nothing, await sweep.RunAsync(CancellationToken.None));
        await using var other = OnboardingServer.Restart(server);
        Assert.Equal(ReplySweepResult.Nothing, await other.Services.GetRequiredService<ReplySweep>().RunAsync(CancellationToken.None));
        Assert.Equal(10, (await RowsAsync(server, reviews)).Count);
        Assert.Equal(8, (await AnswersAsync(server)).Count);
    }

    [Fact]
    public async Task Two_servers_reading_one_mailbox_process_each_reply_once()
    {
        var reviews = mailbox.NewAddress("reviews");
        await using var first = OnboardingServer.Start(Settings(reviews));
        await first.SeedUsersAsync();
        var flow = new Onboarding(first);
        var application = await CommitteeAsync(flow);
        var rita = await IssueAsync(first, flow, application, Users.Rita);
        await ReplyAsync(reviews, Users.Rita, $"Re: Committee vote [{rita.Reference}]", "REJECT\nLosses two years running.\n");
        for (var i = 0; i < 5; i++)
        {
            await ReplyAsync(reviews, $"sender{i}@example.com", $"Question {i}", "Hello\n");
        }

        await using var second = OnboardingServer.Restart(first);
        Assert.Equal(6, await mailbox.WaitForInboxAsync(reviews, 6));
        var runs = await Task.WhenAll(
            first.Services.GetRequiredService<ReplySweep>().RunAsync(CancellationToken.None),
            second.Services.GetRequiredService<ReplySweep>().RunAsync(CancellationToken.None));
        var third = await first.Services.GetRequiredService<ReplySweep>().RunAsync(CancellationToken.None);

        Assert.Equal(6, runs.Sum(r => r.Processed) + third.Processed);
        var rows = await RowsAsync(first, reviews);
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.True(r.Moved));
        Assert.Equal((0, 6), await FoldersAsync(reviews));
        var decision = Assert.Single(await first.WithDbAsync(db => db.Set<CreditDecision>().AsNoTracking().Where(d => d.ApplicationId == application && d.ElementId == Committee).ToListAsync()));
        Assert.Equal((Users.Rita, DecisionOutcome.Reject, Channels.EmailReply), (decision.DecidedBy, decision.Outcome, decision.Channel));
        var answers = await AnswersAsync(first);
        Assert.Equal(6, answers.Count);
        Assert.Equal(6, answers.Select(a => a.To).Distinct().Count());
    }

    [Fact]
    public async Task An_html_reply_above_the_step_up_amount_is_refused_and_bounces_are_never_answered()
    {
        var reviews = mailbox.NewAddress("reviews");
        var settings = new Dictionary<string, string?>(Settings(reviews)) { ["EmailReview:StepUpAmount"] = "10000" };
        await using var server = OnboardingServer.Start(settings);
        await server.SeedUsersAsync();
        var flow = new Onboarding(server);
        var application = await CommitteeAsync(flow);
        var html = await IssueAsync(server, flow, application, Users.Rita);
        var quotedHtml = await IssueAsync(server, flow, application, Users.Rita);

        await HtmlReplyAsync(reviews, Users.Rita, $"Re: Committee vote [{html.Reference}]",
            "<html><head><style>p { color: red }</style></head><body><div>APPROVE</div><div>Fine by me.</div>"
            + "<blockquote><p>Reply APPROVE or REJECT on the first line.</p></blockquote></body></html>");
        await HtmlReplyAsync(reviews, Users.Rita, $"Re: Committee vote [{quotedHtml.Reference}]",
            "<html><body><p>Call me first.</p><blockquote><p>APPROVE</p></blockquote></body></html>");
        var bounce = new MimeMessage { Subject = $"Undelivered Mail Returned to Sender [{html.Reference}]" };
        bounce.From.Add(MailboxAddress.Parse($"MAILER-DAEMON@{mailbox.Domain}"));
        bounce.To.Add(MailboxAddress.Parse(reviews));
        var report = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "APPROVE\nThe mail could not be delivered." } };
        bounce.Body = report;
        await DeliverOneAsync(reviews, bounce);

        Assert.Equal(new ReplySweepResult(3, 0, 0), await server.Services.GetRequiredService<ReplySweep>().RunAsync(CancellationToken.None));
        Assert.Equal(["step-up", "not-understood", "auto-reply"], (await RowsAsync(server, reviews)).Select(r => r.Outcome));
        Assert.Empty(await server.WithDbAsync(db => db.Set<CreditDecision>().AsNoTracking().Where(d => d.ApplicationId == application && d.ElementId == Committee).ToListAsync()));
        Assert.Equal(0, await server.WithDbAsync(db => db.Set<EmailActionToken>().CountAsync(t => t.UsedAt != null)));
        var answers = await AnswersAsync(server);
        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.Equal(Users.Rita, a.To));
        Assert.Contains(answers, a => a.TextBody.Contains("use the link", StringComparison.Ordinal));
        Assert.Contains(answers, a => a.TextBody.Contains("not understood", StringComparison.Ordinal));
        Assert.Equal((0, 3), await FoldersAsync(reviews));
    }

    private async Task HtmlReplyAsync(string reviews, string from, string subject, string html)
    {
        var reply = new MimeMessage { Subject = subject, Body = new TextPart("html") { Text = html } };
        reply.From.Add(MailboxAddress.Parse(from));
        reply.To.Add(MailboxAddress.Parse(reviews));
        await DeliverOneAsync(reviews, reply);
    }

    private IReadOnlyDictionary<string, string?> Settings(string reviews) => new Dictionary<string, string?>
    {
        ["EmailReview:Imap:Host"] = mailbox.Host,
        ["EmailReview:Imap:Port"] = mailbox.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["EmailReview:Imap:Security"] = "None",
        ["EmailReview:Imap:UserName"] = reviews,
        ["EmailReview:Imap:Password"] = mailbox.Password,
        ["EmailReview:ReplyAddress"] = reviews,
    };

    /// <summary>A high-tier application waiting for the committee's three votes.</summary>
    private static async Task<Guid> CommitteeAsync(Onboarding flow)
    {
        var profile = Onboarding.High;
        var id = await flow.SubmitAsync(Users.Sally, profile);
        await flow.CollectDocumentsAsync(Users.Sally, id, profile);
        await flow.ReviewAndDiligenceAsync(id, profile);
        return id;
    }

    private sealed record Issued(Guid Token, string Reference);

    /// <summary>A reply reference for the member's vote, as the task e-mail would carry it.</summary>
    private static async Task<Issued> IssueAsync(OnboardingServer server, Onboarding flow, Guid application, string member)
    {
        var taskId = await flow.TaskIdAsync(application, Committee, member);
        await using var scope = server.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        var task = await engine.Options.Instances.FindTaskAsync(taskId, CancellationToken.None) ?? throw new InvalidOperationException(taskId);
        var reference = scope.ServiceProvider.GetRequiredService<EmailActions>().IssueReply(task, member);
        await scope.ServiceProvider.GetRequiredService<CaseFile>().Db.SaveChangesAsync();
        return new Issued(ReplyReference.Find(reference)!.Value, reference);
    }

    private async Task ReplyAsync(string reviews, string from, string subject, string text, Action<MimeMessage>? change = null)
    {
        var reply = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        reply.From.Add(MailboxAddress.Parse(from));
        reply.To.Add(MailboxAddress.Parse(reviews));
        change?.Invoke(reply);
        await DeliverOneAsync(reviews, reply);
    }

    /// <summary>One at a time: the order of the UIDs is the order the replies were written in.</summary>
    private async Task DeliverOneAsync(string reviews, MimeMessage message)
    {
        var before = await mailbox.WaitForInboxAsync(reviews, 0);
        await mailbox.DeliverAsync(message);
        Assert.Equal(before + 1, await mailbox.WaitForInboxAsync(reviews, before + 1));
    }

    private static async Task DisableAsync(OnboardingServer server, string email)
    {
        var id = await server.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        using var admin = await server.As(Users.Admin);
        await Http.Ensure(await admin.PostAsync($"/api/users/{id}/disable", null), HttpStatusCode.OK);
    }

    private static Task<List<InboundEmail>> RowsAsync(OnboardingServer server, string reviews) =>
        server.WithDbAsync(db => db.Set<InboundEmail>().AsNoTracking().Where(m => m.Mailbox.StartsWith(reviews)).OrderBy(m => m.Uid).ToListAsync());

    private static Task<List<OutboxMessage>> AnswersAsync(OnboardingServer server) =>
        server.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Category == ReplyAnswers.Category).ToListAsync());

    /// <summary>How many messages are in the inbox and in the processed folder.</summary>
    private async Task<(int Inbox, int Processed)> FoldersAsync(string reviews)
    {
        using var imap = await mailbox.OpenAsync(reviews);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var inbox = imap.Inbox.Count;
        var processed = await imap.GetFolderAsync("Processed");
        await processed.OpenAsync(FolderAccess.ReadOnly);
        var count = processed.Count;
        await imap.DisconnectAsync(quit: true);
        return (inbox, count);
    }
}
