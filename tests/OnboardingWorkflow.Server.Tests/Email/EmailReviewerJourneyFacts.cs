using System.Net;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Application.EmailReview;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Email;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Email;

/// <summary>
/// The whole e-mail path of a committee vote, with nothing issued by hand: the task e-mail job
/// writes to each member, the outbox sends through the real SMTP server into their real mailboxes;
/// one member opens the approve link from her e-mail in a browser without scripts and confirms, the
/// other answers his e-mail with APPROVE above the quoted original, and the reply job reads the
/// reviewers' mailbox by IMAP. The two approvals carry their channels, and the case moves on.
/// </summary>
public sealed partial class EmailReviewerJourneyFacts(MailboxFixture mailbox) : IClassFixture<MailboxFixture>
{
    private const string PublicBaseUrl = "https://credit.example.test";

    [Fact]
    public async Task A_committee_member_decides_by_the_link_in_her_mail_and_another_by_replying_to_his()
    {
        var reviews = mailbox.NewAddress("reviews");
        await using var server = OnboardingServer.Start(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = mailbox.Host,
            ["Smtp:Port"] = mailbox.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "onboarding@" + mailbox.Domain,
            ["EmailReview:PublicBaseUrl"] = PublicBaseUrl,
            ["EmailReview:ReplyAddress"] = reviews,
            ["EmailReview:Imap:Host"] = mailbox.Host,
            ["EmailReview:Imap:Port"] = mailbox.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EmailReview:Imap:Security"] = "None",
            ["EmailReview:Imap:UserName"] = reviews,
            ["EmailReview:Imap:Password"] = mailbox.Password,
        });
        await server.SeedUsersAsync();
        var flow = new Onboarding(server);
        var marker = "Mailvote " + Guid.NewGuid().ToString("N")[..10];
        var application = await flow.SubmitAsync(Users.Sally, Onboarding.High, name: marker);
        await flow.CollectDocumentsAsync(Users.Sally, application, Onboarding.High);
        await flow.ReviewAndDiligenceAsync(application, Onboarding.High);

        // The job writes to the three members; the outbox sends through SMTP into their mailboxes.
        Assert.Equal(3, (await server.Services.GetRequiredService<TaskMailSweep>().RunAsync(CancellationToken.None)).Requests);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            Assert.Equal(3, (await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync()).Sent);
        }

        // Rita opens "Approve" from her e-mail: the page shows the case, and only her confirmation decides.
        var ritaMail = await MailAsync(Users.Rita, marker);
        var link = Links().Matches(ritaMail.TextBody ?? "").Select(m => (Label: m.Groups[1].Value, Url: m.Groups[2].Value)).First(l => l.Label == "Approve").Url;
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        var path = new Uri(link).PathAndQuery;
        var page = await browser.GetAsync(path);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(marker, html);
        Assert.Empty(await DecisionsAsync(server, application));
        var fields = HiddenField().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        fields["Comment"] = "Approved from my phone";
        var confirmed = await browser.PostAsync(path, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        // Rob answers his e-mail: APPROVE on the first line, the original quoted below, to its Reply-To.
        var robMail = await MailAsync(Users.Rob, marker);
        Assert.Equal(reviews, robMail.ReplyTo.Mailboxes.Single().Address);
        var quoted = string.Join("\n", (robMail.TextBody ?? "").Split('\n').Select(line => "> " + line.TrimEnd('\r')));
        var reply = new MimeMessage { Subject = "Re: " + robMail.Subject, Body = new TextPart("plain") { Text = $"APPROVE\nThe order book supports it.\n\nOn Monday, Onboarding wrote:\n{quoted}\n" } };
        reply.From.Add(MailboxAddress.Parse(Users.Rob));
        reply.To.AddRange(robMail.ReplyTo);
        reply.InReplyTo = robMail.MessageId;
        await mailbox.DeliverAsync(reply);
        Assert.Equal(1, await mailbox.WaitForInboxAsync(reviews, 1));
        Assert.Equal(new ReplySweepResult(1, 0, 0), await server.Services.GetRequiredService<ReplySweep>().RunAsync(CancellationToken.None));

        // Two approvals, each with its channel, in the case history and the audit trail; the vote is carried.
        var decisions = await DecisionsAsync(server, application);
        Assert.Equal([(Users.Rita, Channels.EmailLink, "Approved from my phone"), (Users.Rob, Channels.EmailReply, "The order book supports it.")],
            decisions.Select(d => (d.DecidedBy, d.Channel, d.Comment)).ToList());
        Assert.All(decisions, d => Assert.Equal(DecisionOutcome.Approve, d.Outcome));
        var channels = await server.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(a => a.EntityId == application.ToString() && a.Action == "decision.Approve").Select(a => a.Actor + " " + a.Channel).ToListAsync());
        Assert.Equal([$"{Users.Rita} {Channels.EmailLink}", $"{Users.Rob} {Channels.EmailReply}"], channels.Order(StringComparer.Ordinal));
        var detail = await flow.DetailAsync(application);
        Assert.Equal("Contracting", detail.GetProperty("application").GetProperty("stage").GetString());
        Assert.Equal([Channels.EmailLink, Channels.EmailReply], detail.GetProperty("decisions").EnumerateArray()
            .Where(d => d.GetProperty("elementId").GetString() == "approveCommittee").Select(d => d.GetProperty("channel").GetString()).Order(StringComparer.Ordinal));
    }

    private static Task<List<CreditDecision>> DecisionsAsync(OnboardingServer server, Guid application) =>
        server.WithDbAsync(db => db.Set<CreditDecision>().AsNoTracking().Where(d => d.ApplicationId == application && d.ElementId == "approveCommittee")
            .OrderBy(d => d.DecidedBy).ToListAsync());

    /// <summary>The member's task e-mail about the case, as it arrived in their mailbox (waits for the delivery).</summary>
    private async Task<MimeMessage> MailAsync(string member, string marker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var imap = await mailbox.OpenAsync(member);
            await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
            var found = await imap.Inbox.SearchAsync(SearchQuery.SubjectContains(marker));
            if (found.Count > 0)
            {
                var message = await imap.Inbox.GetMessageAsync(found[^1]);
                await imap.DisconnectAsync(quit: true);
                return message;
            }

            await imap.DisconnectAsync(quit: true);
            Assert.True(DateTime.UtcNow < deadline, $"no e-mail about {marker} reached {member}");
            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"^- (.+?)[:：] ?(https://\S+/review/\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Links();

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)"\s*/?>""")]
    private static partial Regex HiddenField();
}
