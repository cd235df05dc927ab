using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.EmailReview;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Server.Email;
using OnboardingWorkflow.Server.Tests.Email;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.EmailReview;

/// <summary>The task e-mails and the daily digest, from the sweep through the outbox and MailKit to a real SMTP server (maildev).</summary>
[Collection(HangfireHostCollection.Name)]
public sealed partial class TaskMailFacts(MaildevFixture maildev)
{
    private const string PublicBaseUrl = "https://credit.example.test";
    private const string ReplyAddress = "reviews@example.test";

    /// <summary>Two user tasks side by side: one asks for e-mail (due in three days), one does not.</summary>
    private const string DueProcess = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://example.com/test">
          <process id="mailedApproval" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
            <parallelGateway id="fork" />
            <sequenceFlow id="f2" sourceRef="fork" targetRef="mailed" />
            <sequenceFlow id="f3" sourceRef="fork" targetRef="quiet" />
            <userTask id="mailed" name="Approve the payment plan" camunda:candidateGroups="CreditAnalyst" camunda:dueDate="P3D">
              <extensionElements>
                <camunda:properties>
                  <camunda:property name="notify" value="email" />
                </camunda:properties>
                <camunda:formData>
                  <camunda:formField id="decision" label="Decision" type="enum">
                    <camunda:value id="approve" name="Approve" />
                    <camunda:value id="reject" name="Reject" />
                  </camunda:formField>
                </camunda:formData>
              </extensionElements>
            </userTask>
            <userTask id="quiet" name="File the papers" camunda:candidateGroups="CreditAnalyst" camunda:dueDate="P3D" />
            <sequenceFlow id="f4" sourceRef="mailed" targetRef="join" />
            <sequenceFlow id="f5" sourceRef="quiet" targetRef="join" />
            <parallelGateway id="join" />
            <sequenceFlow id="f6" sourceRef="join" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private OnboardingServer StartServer(DateTimeOffset? clockStart = null) => OnboardingServer.Start(new Dictionary<string, string?>
    {
        ["Smtp:Host"] = maildev.SmtpHost,
        ["Smtp:Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "Credit management <credit@example.test>",
        ["EmailReview:PublicBaseUrl"] = PublicBaseUrl,
        ["EmailReview:ReplyAddress"] = ReplyAddress,
    }, clockStart);

    private static async Task<TaskMailRun> SweepAsync(OnboardingServer server) =>
        await server.Services.GetRequiredService<TaskMailSweep>().RunAsync(CancellationToken.None);

    private static async Task<int> DispatchAsync(OnboardingServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync()).Sent;
    }

    private static async Task<Guid> StartDueProcessAsync(OnboardingServer server, string businessKey)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        await engine.DeployAsync(DueProcess, "mailed-approval.bpmn");
        return (await engine.StartAsync("mailedApproval", null, businessKey)).Id;
    }

    [GeneratedRegex(@"\[(OWF-[a-z2-7]{26})\]")]
    private static partial Regex Reference();

    [Fact]
    public async Task A_committee_vote_mails_each_member_once_with_the_summary_a_link_per_decision_and_the_reply_reference_in_their_language()
    {
        await using var server = StartServer();
        await server.SeedUsersAsync();
        using (var rita = await server.As(Users.Rita))
        {
            await Http.Ensure(await rita.PutAsJsonAsync("/api/auth/me/culture", new { culture = "zh-CN" }), HttpStatusCode.OK);
        }

        var flow = new Onboarding(server);
        var marker = "Votemail " + Guid.NewGuid().ToString("N")[..10];
        var id = await flow.SubmitAsync(Users.Sally, Onboarding.High, name: marker);
        await flow.CollectDocumentsAsync(Users.Sally, id, Onboarding.High);
        await flow.ReviewAndDiligenceAsync(id, Onboarding.High);

        var run = await SweepAsync(server);

        Assert.Equal(3, run.Requests);
        Assert.Equal(0, run.Reminders + run.Escalations);
        Assert.Equal(3, await DispatchAsync(server));
        var arrived = await maildev.WaitForMessagesAsync(marker, count: 3);
        Assert.Equal(3, arrived.Count);
        foreach (var member in new[] { Users.Rita, Users.Rob, Users.Ray })
        {
            var mail = Assert.Single(arrived, m => m.To.Single().Address == member);
            var chinese = member == Users.Rita;
            Assert.StartsWith(chinese ? $"待审批：{marker} [OWF-" : $"Approval needed: {marker} [OWF-", mail.Subject);
            var reference = Reference().Match(mail.Subject!).Groups[1].Value;
            Assert.Contains($"Reply-To: {ReplyAddress}", await maildev.SourceAsync(mail.Id));
            Assert.Equal("auto-generated", mail.Headers?["auto-submitted"].GetString());
            Assert.Contains($"[{reference}]", mail.Text);
            Assert.Contains(chinese ? "申请额度：50,000.00" : "Requested limit: 50,000.00", mail.Text);
            Assert.Contains(chinese ? "信用等级：" : "Grade: ", mail.Text);
            Assert.Contains(chinese ? "第一行写“同意”或“拒绝”" : "Write APPROVE or REJECT on the first line", mail.Text);
            var links = Regex.Matches(mail.Text!, $@"^- (.+?)[:：] ?({Regex.Escape(PublicBaseUrl)}/review/\S+)$", RegexOptions.Multiline);
            Assert.Equal(chinese ? ["同意", "拒绝", "要求补充信息"] : ["Approve", "Reject", "Request more information"],
                links.Select(l => l.Groups[1].Value).ToArray());
            Assert.Equal(3, links.Select(l => l.Groups[2].Value).Distinct().Count());
        }

        // One notice and one reply reference per member; each link is a token of its own.
        var (notices, replies, linkTokens) = await server.WithDbAsync(async db => (
            await db.Set<TaskMailNotice>().CountAsync(n => n.Kind == TaskMailKind.Request),
            await db.Set<EmailActionToken>().CountAsync(t => t.Kind == EmailActionKind.Reply),
            await db.Set<EmailActionToken>().CountAsync(t => t.Kind == EmailActionKind.Link)));
        Assert.Equal((3, 3, 9), (notices, replies, linkTokens));

        var again = await SweepAsync(server);

        Assert.Equal(0, again.Sent);
        Assert.Equal(3, again.TasksRead);
        Assert.Equal(0, await DispatchAsync(server));
        await Task.Delay(300);
        Assert.Equal(3, (await maildev.MessagesAsync(marker)).Count);
    }

    [Fact]
    public async Task Two_servers_sweeping_the_same_tasks_at_once_send_each_mail_once()
    {
        await using var first = StartServer();
        await first.SeedUsersAsync();
        var marker = "Twinmail " + Guid.NewGuid().ToString("N")[..10];
        await StartDueProcessAsync(first, marker);
        await using var second = OnboardingServer.Restart(first);

        var runs = await Task.WhenAll(SweepAsync(first), SweepAsync(second));

        Assert.Equal(2, runs.Sum(r => r.Requests));
        Assert.Equal(2, await first.WithDbAsync(db => db.Set<TaskMailNotice>().CountAsync()));
        Assert.Equal(2, await first.WithDbAsync(db => db.Set<Data.Email.OutboxMessage>().CountAsync(m => m.Subject.Contains(marker))));
    }

    [Fact]
    public async Task A_task_reminds_its_candidates_the_day_before_it_is_due_and_escalates_to_the_next_level_once_overdue_while_a_task_without_notify_sends_nothing()
    {
        await using var server = StartServer();
        await server.SeedUsersAsync();
        var marker = "Duemail " + Guid.NewGuid().ToString("N")[..10];
        var instance = await StartDueProcessAsync(server, marker);

        var requests = await SweepAsync(server);
        server.Advance(TimeSpan.FromDays(1));
        var dayOne = await SweepAsync(server);
        server.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var reminders = await SweepAsync(server);
        var remindersAgain = await SweepAsync(server);
        server.Advance(TimeSpan.FromDays(1));
        var escalations = await SweepAsync(server);
        var escalationsAgain = await SweepAsync(server);

        Assert.Equal((2, 0, 0), (requests.Requests, requests.Reminders, requests.Escalations));
        Assert.Equal(1, requests.TasksRead);
        Assert.Equal(0, dayOne.Sent);
        Assert.Equal((0, 2, 0), (reminders.Requests, reminders.Reminders, reminders.Escalations));
        Assert.Equal(0, remindersAgain.Sent);
        Assert.Equal((0, 0, 2), (escalations.Requests, escalations.Reminders, escalations.Escalations));
        Assert.Equal(0, escalationsAgain.Sent);

        // Only the task that asks for e-mail has notices; the other one was never even read.
        var noticed = await server.WithDbAsync(db => (from n in db.Set<TaskMailNotice>()
                                                      join t in db.Set<Data.Engine.WorkflowTaskEntity>() on n.TaskId equals t.Id
                                                      where t.InstanceId == instance
                                                      select t.ElementId).Distinct().ToListAsync());
        Assert.Equal(["mailed"], noticed);

        Assert.Equal(6, await DispatchAsync(server));
        var arrived = await maildev.WaitForMessagesAsync(marker, count: 6);
        Assert.Equal([Users.Alan, Users.Ana], arrived.Where(m => m.Subject!.StartsWith("Approval needed:", StringComparison.Ordinal)).Select(m => m.To.Single().Address).Order());
        var reminded = arrived.Where(m => m.Subject!.StartsWith("Reminder:", StringComparison.Ordinal)).ToList();
        Assert.Equal([Users.Alan, Users.Ana], reminded.Select(m => m.To.Single().Address).Order());
        Assert.All(reminded, m => Assert.Contains("2026-03-05", m.Subject));
        var escalated = arrived.Where(m => m.Subject!.StartsWith("Overdue:", StringComparison.Ordinal)).ToList();
        Assert.Equal([Users.Max, Users.Mia], escalated.Select(m => m.To.Single().Address).Order());
        Assert.All(escalated, m =>
        {
            Assert.Contains("It waits for: CreditAnalyst.", m.Text);
            Assert.DoesNotContain("/review/", m.Text);
        });
        Assert.DoesNotContain(arrived, m => m.Text!.Contains("File the papers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_daily_digest_goes_once_a_day_only_to_those_who_asked_for_it()
    {
        // A day of its own, so the digest's subject tells this test's e-mails from any other's.
        var day = new DateTimeOffset(2031, 7, 15, 6, 0, 0, TimeSpan.Zero);
        await using var server = StartServer(day);
        await server.SeedUsersAsync();
        var marker = "Digestmail " + Guid.NewGuid().ToString("N")[..10];
        await StartDueProcessAsync(server, marker);
        using (var ana = await server.As(Users.Ana))
        {
            var me = await Http.Json(await ana.PutAsJsonAsync("/api/auth/me/preferences", new { taskDigest = true }), HttpStatusCode.OK);
            Assert.True(me.GetProperty("taskDigest").GetBoolean());
            Assert.True((await Http.Json(await ana.GetAsync("/api/auth/me"), HttpStatusCode.OK)).GetProperty("taskDigest").GetBoolean());
        }

        using (var mia = await server.As(Users.Mia))
        {
            await Http.Ensure(await mia.PutAsJsonAsync("/api/auth/me/preferences", new { taskDigest = true, culture = "zh-CN" }), HttpStatusCode.OK);
        }

        var sweep = server.Services.GetRequiredService<TaskDigestSweep>();
        var first = await sweep.RunAsync(CancellationToken.None);
        var second = await sweep.RunAsync(CancellationToken.None);

        // Mia asked too, but nothing is open for her (a credit manager): no e-mail. Alan never asked.
        Assert.Equal((2, 1, 1), (first.Subscribers, first.Sent, first.NothingOpen));
        Assert.Equal(0, second.Sent);
        Assert.Equal(1, await DispatchAsync(server));
        var digest = Assert.Single(await maildev.WaitForMessagesAsync("Your open tasks on 2031-07-15"), m => m.Text!.Contains(marker, StringComparison.Ordinal));
        Assert.Equal(Users.Ana, digest.To.Single().Address);
        Assert.Equal("Your open tasks on 2031-07-15: 2", digest.Subject);
        Assert.Contains($"- Approve the payment plan, {marker}, due 2031-07-18 (offered to you)", digest.Text);
        Assert.Contains($"- File the papers, {marker}, due 2031-07-18 (offered to you)", digest.Text);

        server.Advance(TimeSpan.FromDays(1));
        var nextDay = await sweep.RunAsync(CancellationToken.None);
        Assert.Equal(1, nextDay.Sent);
    }

    [Fact]
    public async Task Preferences_without_anything_to_change_or_with_a_digest_that_is_not_true_or_false_are_refused()
    {
        await using var server = OnboardingServer.Start();
        await server.SeedUsersAsync();
        using var ana = await server.As(Users.Ana);

        var empty = await Http.Problem(await ana.PutAsJsonAsync("/api/auth/me/preferences", new { }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("taskDigest (true or false)", empty.GetProperty("errors").GetProperty("taskDigest")[0].GetString());
        await Http.Problem(await ana.PutAsync("/api/auth/me/preferences", new StringContent("""{ "taskDigest": "yes" }""", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "invalid_request");
        var language = await Http.Problem(await ana.PutAsJsonAsync("/api/auth/me/preferences", new { culture = "fr-FR", taskDigest = true }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("en, zh-CN", language.GetProperty("errors").GetProperty("culture")[0].GetString());

        var me = await Http.Json(await ana.GetAsync("/api/auth/me"), HttpStatusCode.OK);
        Assert.False(me.GetProperty("taskDigest").GetBoolean());
    }
}
