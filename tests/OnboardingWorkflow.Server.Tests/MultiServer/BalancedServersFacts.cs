using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using OnboardingWorkflow.Server.Tests.Email;
using OnboardingWorkflow.Testing;
using Xunit.Abstractions;

namespace OnboardingWorkflow.Server.Tests.MultiServer;

/// <summary>
/// Two server processes on one PostgreSQL database behind a load balancer without session affinity,
/// each running every recurring job (workflow timers, task mails and the outbox, every 2 to 3
/// seconds) and sending through a real SMTP server. Applications are driven through the balancer,
/// so every step of a case may land on either server; the timers, jobs and e-mails that come of it
/// each happen once, and a sign-in or a decision link made by one server is honoured by the other.
/// </summary>
[Trait("Category", "MultiServer")]
[Collection(MaildevCollection.Name)]
public sealed partial class BalancedServersFacts(MaildevFixture maildev, ITestOutputHelper output)
{
    private const int Applications = 4;
    private const string PublicBaseUrl = "https://credit.example.test";
    private static readonly TimeSpan ReminderEvery = TimeSpan.FromSeconds(3);
    private static readonly string[] RecurringJobs = ["workflow-timers", "email-outbox", "task-mail"];

    /// <summary>Each enqueued occurrence of a recurring job: its id (as JSON) and the time it was due.</summary>
    private const string Occurrences = """
        SELECT r.value AS job, t.value AS at FROM hangfire.jobparameter r
        JOIN hangfire.jobparameter t ON t.jobid = r.jobid AND t.name = 'Time'
        WHERE r.name = 'RecurringJobId'
        """;

    [Fact]
    public async Task Applications_through_two_servers_fire_each_timer_run_each_job_and_send_each_mail_once()
    {
        var settings = new Dictionary<string, string>
        {
            ["Jobs:WorkflowTimersCron"] = "*/2 * * * * *",
            ["Jobs:EmailOutboxCron"] = "*/2 * * * * *",
            ["Jobs:TaskMailCron"] = "*/3 * * * * *",
            ["Jobs:EmailReplies"] = "false",
            ["Jobs:TaskDigest"] = "false",
            ["Jobs:OverdueEscalation"] = "false",
            ["Jobs:PeriodicReview"] = "false",
            ["Jobs:EarlyWarning"] = "false",
            ["Smtp:Host"] = maildev.SmtpHost,
            ["Smtp:Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "Credit management <credit@example.test>",
            ["EmailReview:PublicBaseUrl"] = PublicBaseUrl,
        };

        await TwoServers.RunOnFreshDatabaseAsync(output, settings, seed: null, async servers =>
        {
            var (a, b) = (servers.Servers[0], servers.Servers[1]);
            await SignInOnOneServerHoldsOnTheOtherAsync(a.Address, b.Address);

            var balancer = new RoundRobinBalancer([a.Address, b.Address]);
            await PrepareAsync(balancer);
            var flow = new Onboarding(balancer);
            var ids = new List<Guid>();
            for (var i = 0; i < Applications; i++)
            {
                ids.Add(await flow.SubmitAsync(i % 2 == 0 ? Users.Sally : Users.Sam, Onboarding.Low, name: $"Balanced Trading {i}"));
            }

            // The document reminder turns every 3 seconds while documents are awaited: let it turn twice for each case.
            var instances = string.Join(", ", ids.Select(id => $"'{id}'"));
            await TwoServers.WaitForAsync(async () => await servers.CountAsync($"""
                SELECT count(*) FROM (SELECT i."Id" FROM "WorkflowInstances" i JOIN "WorkflowHistory" h ON h."InstanceId" = i."Id"
                WHERE i."BusinessKey" IN ({instances}) AND h."Event" = 'timerFired' AND h."ElementId" = 'documentReminderTimer'
                GROUP BY i."Id" HAVING count(*) >= 2) t
                """) == Applications ? (object)true : null, "two reminders for every case");

            var approvals = new List<string>();
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                var maker = i % 2 == 0 ? Users.Sally : Users.Sam;
                await flow.CollectDocumentsAsync(maker, id, Onboarding.Low);
                await flow.ReviewAndDiligenceAsync(id, Onboarding.Low);
                approvals.Add(await flow.TaskIdAsync(id, "approveAnalyst"));
            }

            // The task-mail job asks each analyst once per approval, whichever server's run finds the task.
            var approvalTasks = string.Join(", ", approvals.Select(t => $"'{t}'"));
            await TwoServers.WaitForAsync(async () => await servers.CountAsync($"""
                SELECT count(*) FROM "EmailOutbox" WHERE "Category" = 'task.Request' AND "CorrelationId" IN ({approvalTasks}) AND "To" = '{Users.Alan}'
                """) == Applications ? (object)true : null, "an approval request to Alan for every case");

            // The first case is approved from the e-mail: the link page shown by one server, its form sent to the other.
            await ApproveByLinkAsync(servers, balancer, approvals[0]);
            foreach (var id in ids.Skip(1))
            {
                await flow.CompleteAsync(Users.Alan, id, "approveAnalyst", new { decision = "approve", comment = "within limits" });
            }

            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                await flow.SignContractAsync(i % 2 == 0 ? Users.Sally : Users.Sam, id);
                Assert.Equal("Active", (await flow.DetailAsync(id)).GetProperty("application").GetProperty("status").GetString());
            }

            await TwoServers.WaitForAsync(async () => await servers.CountAsync("""SELECT count(*) FROM "EmailOutbox" WHERE "Status" <> 'Sent'""") == 0
                ? (object)true : null, "every e-mail sent");

            await AssertEachReminderOnceAsync(servers, ids);
            await AssertEachMailOnceAsync(servers, approvals);
            await AssertEachJobRunOnceAsync(servers);
            Assert.All(balancer.Served, served => Assert.True(served >= 40, $"requests per server: {string.Join(", ", balancer.Served)}"));
            output.WriteLine($"requests per server: {string.Join(", ", balancer.Served)}");
            Assert.False(a.HasExited || b.HasExited, a.Output + b.Output);

            await AssertTheOtherServerTakesOverTheJobsAsync(servers);
        });
    }

    /// <summary>A cookie and a bearer token from a sign-in on one server open the other (the Data Protection keys are in the database).</summary>
    private static async Task SignInOnOneServerHoldsOnTheOtherAsync(Uri first, Uri second)
    {
        var jar = new CookieContainer();
        using (var onFirst = new HttpClient(new HttpClientHandler { CookieContainer = jar }) { BaseAddress = first })
        {
            await Http.Ensure(await onFirst.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = Users.Admin, password = OnboardingServer.Password }), HttpStatusCode.OK);
        }

        Assert.NotEmpty(jar.GetCookies(second));
        using (var onSecond = new HttpClient(new HttpClientHandler { CookieContainer = jar }) { BaseAddress = second })
        {
            var me = await Http.Json(await onSecond.GetAsync("/api/auth/me"), HttpStatusCode.OK);
            Assert.Equal(Users.Admin, me.GetProperty("userName").GetString());
        }

        using var anonymous = new HttpClient { BaseAddress = second };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/auth/me")).StatusCode);

        using var login = new HttpClient { BaseAddress = second };
        var token = (await Http.Json(await login.PostAsJsonAsync("/api/auth/login", new { email = Users.Admin, password = OnboardingServer.Password }), HttpStatusCode.OK))
            .GetProperty("accessToken").GetString();
        using var bearer = new HttpClient { BaseAddress = first };
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(Users.Admin, (await Http.Json(await bearer.GetAsync("/api/auth/me"), HttpStatusCode.OK)).GetProperty("userName").GetString());
    }

    /// <summary>The cast of users, and a version of the onboarding flow whose document reminder turns every 3 seconds instead of every 3 days.</summary>
    private static async Task PrepareAsync(RoundRobinBalancer balancer)
    {
        using var admin = await balancer.As(Users.Admin);
        foreach (var (email, role) in Users.All)
        {
            await Http.Ensure(await admin.PostAsJsonAsync("/api/users", new { email, password = OnboardingServer.Password, roles = new[] { role } }), HttpStatusCode.Created);
        }

        var original = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "workflows", "customer-onboarding.bpmn"));
        var faster = original.Replace(">R/P3D<", $">R/{System.Xml.XmlConvert.ToString(ReminderEvery)}<", StringComparison.Ordinal);
        Assert.NotEqual(original, faster);
        await Http.Ensure(await admin.PostAsync("/api/workflows", new StringContent(faster, Encoding.UTF8, "application/xml")), HttpStatusCode.Created);
    }

    /// <summary>Alan's approval link from his request e-mail: the page opened through the balancer, then its form sent, each to another server.</summary>
    private async Task ApproveByLinkAsync(TwoServers servers, RoundRobinBalancer balancer, string taskId)
    {
        var outboxId = await ScalarAsync<Guid>(servers, $"""
            SELECT "Id" FROM "EmailOutbox" WHERE "Category" = 'task.Request' AND "CorrelationId" = '{taskId}' AND "To" = '{Users.Alan}'
            """);
        var mail = await TwoServers.WaitForAsync(async () => (await ArrivedAsync()).FirstOrDefault(m => OutboxIdOf(m) == outboxId), "Alan's request in the mailbox");
        var link = ApproveLink().Match(mail.Text ?? "");
        Assert.True(link.Success, "no approval link in: " + mail.Text);

        using var browser = balancer.Anonymous();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var servedBefore = balancer.Served.ToArray();
        using var page = await browser.GetAsync(link.Groups["path"].Value);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{page.StatusCode}: {html}");
        var fields = HiddenField().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.True(fields.ContainsKey("__RequestVerificationToken"), "the page has no antiforgery field: " + html);
        fields["Comment"] = "approved from the e-mail";
        using var decided = await browser.PostAsync(link.Groups["path"].Value, new FormUrlEncodedContent(fields));
        var answer = await decided.Content.ReadAsStringAsync();
        Assert.True(decided.StatusCode == HttpStatusCode.OK && answer.Contains("Decision recorded", StringComparison.Ordinal), $"{decided.StatusCode}: {answer}");
        // The page and its form went to different servers.
        Assert.Equal(new[] { 1, 1 }, balancer.Served.Zip(servedBefore, (now, before) => now - before).ToArray());
        Assert.Equal(1, await servers.CountAsync($"""SELECT count(*) FROM "CreditDecisions" WHERE "TaskId" = '{taskId}' AND "Channel" = 'email-link' AND "DecidedBy" = '{Users.Alan}'"""));
    }

    /// <summary>
    /// Each turn of a case's document reminder fired once and sent one reminder: as many turns as the
    /// time documents were awaited allows, each with its reminder service task, its audit and its e-mail.
    /// </summary>
    private async Task AssertEachReminderOnceAsync(TwoServers servers, IReadOnlyList<Guid> ids)
    {
        foreach (var id in ids)
        {
            var instance = $"""(SELECT "Id" FROM "WorkflowInstances" WHERE "BusinessKey" = '{id}')""";
            var fired = await servers.CountAsync($"""SELECT count(*) FROM "WorkflowHistory" WHERE "InstanceId" = {instance} AND "Event" = 'timerFired' AND "ElementId" = 'documentReminderTimer'""");
            var awaited = await ScalarAsync<double>(servers, $"""
                SELECT EXTRACT(EPOCH FROM max("Time") - min("Time"))::float8 FROM "WorkflowHistory"
                WHERE "InstanceId" = {instance} AND "ElementId" = 'collectDocuments' AND "Event" IN ('activated', 'completed')
                """);
            Assert.InRange(fired, 2, (long)(awaited / ReminderEvery.TotalSeconds));
            output.WriteLine($"case {id}: documents awaited {awaited:0.0} s, reminder fired {fired} times");
            Assert.Equal(fired, await servers.CountAsync($"""SELECT count(*) FROM "WorkflowHistory" WHERE "InstanceId" = {instance} AND "Event" = 'completed' AND "ElementId" = 'sendDocumentReminder'"""));
            Assert.Equal(fired, await servers.CountAsync($"""SELECT count(*) FROM "AuditEvents" WHERE "Action" = 'reminder.sent' AND "EntityId" = '{id}'"""));
            Assert.Equal(fired, await servers.CountAsync($"""SELECT count(*) FROM "EmailOutbox" WHERE "Category" = 'onboarding.reminder' AND "CorrelationId" = '{id}'"""));
        }

        // No timer is left behind by the cases, which all moved on.
        Assert.Equal(0, await servers.CountAsync("""SELECT count(*) FROM "WorkflowBookmarks" WHERE "Kind" = 'Timer'"""));
    }

    /// <summary>Each approval request once per analyst, each e-mail sent at the first attempt and received exactly once.</summary>
    private async Task AssertEachMailOnceAsync(TwoServers servers, IReadOnlyList<string> approvals)
    {
        Assert.Equal(0, await servers.CountAsync("""
            SELECT count(*) FROM (SELECT 1 FROM "EmailOutbox" WHERE "Category" LIKE 'task.%' GROUP BY "CorrelationId", "To", "Category" HAVING count(*) > 1) d
            """));
        Assert.Equal(approvals.Count * 2, await servers.CountAsync($"""
            SELECT count(*) FROM "EmailOutbox" WHERE "Category" = 'task.Request' AND "CorrelationId" IN ({string.Join(", ", approvals.Select(t => $"'{t}'"))})
            """));
        Assert.Equal(0, await servers.CountAsync("""SELECT count(*) FROM "EmailOutbox" WHERE "Attempts" <> 1"""));

        var sent = new HashSet<Guid>();
        await using (var db = new NpgsqlConnection(servers.Connection))
        {
            await db.OpenAsync();
            await using var query = new NpgsqlCommand("""SELECT "Id" FROM "EmailOutbox" """, db);
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                sent.Add(reader.GetGuid(0));
            }
        }

        var received = await TwoServers.WaitForAsync(async () =>
        {
            var ours = (await ArrivedAsync()).Select(OutboxIdOf).OfType<Guid>().Where(sent.Contains).ToList();
            return ours.Distinct().Count() == sent.Count ? ours : null;
        }, "every sent e-mail in the mailbox");
        Assert.Equal(sent.Count, received.Count);
        output.WriteLine($"{sent.Count} e-mails, each received once");
    }

    /// <summary>Every occurrence of a recurring job was enqueued once and ran once.</summary>
    private static async Task AssertEachJobRunOnceAsync(TwoServers servers)
    {
        foreach (var job in RecurringJobs)
        {
            var runs = await servers.CountAsync($"""SELECT count(*) FROM ({Occurrences}) o WHERE o.job = '"{job}"'""");
            Assert.True(runs >= 5, $"{job} ran {runs} times");
        }

        await AssertNoOccurrenceTwiceAsync(servers);
    }

    /// <summary>
    /// Both servers schedule and run the recurring jobs, but which one does is not fair: the
    /// scheduler that wakes first after an occurrence is due enqueues it, and its own workers hear
    /// of it before the other server's next poll, so while both are up one server may run nearly
    /// every job. What matters is that either can carry them alone: when the busier one stops, the
    /// other schedules and runs an occurrence of every recurring job, and still none twice.
    /// </summary>
    private async Task AssertTheOtherServerTakesOverTheJobsAsync(TwoServers servers)
    {
        var ran = new Dictionary<ServerProcess, long>();
        foreach (var server in servers.Servers)
        {
            ran[server] = await servers.CountAsync(RunsBy(server, job: null));
            output.WriteLine($"server {server.Name} ran {ran[server]} jobs with both up");
        }

        var busier = ran.MaxBy(r => r.Value).Key;
        var other = servers.Servers.Single(s => s != busier);
        var before = new Dictionary<string, long>();
        foreach (var job in RecurringJobs)
        {
            before[job] = await servers.CountAsync(RunsBy(other, job));
        }

        await busier.StopAsync(TimeSpan.FromMinutes(1));
        foreach (var job in RecurringJobs)
        {
            await servers.WaitForMoreAsync(RunsBy(other, job), before[job], $"run of {job} by server {other.Name} after {busier.Name} stopped");
        }

        Assert.False(other.HasExited, other.Output);
        await AssertNoOccurrenceTwiceAsync(servers);
    }

    private static async Task AssertNoOccurrenceTwiceAsync(TwoServers servers)
    {
        Assert.Equal(0, await servers.CountAsync($"""SELECT count(*) FROM (SELECT 1 FROM ({Occurrences}) o GROUP BY o.job, o.at HAVING count(*) > 1) d"""));
        Assert.Equal(0, await servers.CountAsync("""
            SELECT count(*) FROM (SELECT s.jobid FROM hangfire.state s WHERE s.name = 'Succeeded' GROUP BY s.jobid HAVING count(*) > 1) d
            """));
    }

    /// <summary>Counts the jobs (of one recurring job, or all) that this server's workers took up, from Hangfire's state rows ("host:pid:guid").</summary>
    private static string RunsBy(ServerProcess server, string? job) => $"""
        SELECT count(*) FROM hangfire.state s
        {(job is null ? "" : $"JOIN hangfire.jobparameter r ON r.jobid = s.jobid AND r.name = 'RecurringJobId' AND r.value = '\"{job}\"'")}
        WHERE s.name = 'Processing' AND s.data::text ~ '"ServerId"\s*:\s*"[^":]*:{server.ProcessId}:'
        """;

    private async Task<IReadOnlyList<MaildevEmail>> ArrivedAsync() =>
        await maildev.Http.GetFromJsonAsync<List<MaildevEmail>>(new Uri(maildev.Api, "api/email")) ?? [];

    /// <summary>The outbox row a received message came from: its Message-Id is the row's id at the sender's domain.</summary>
    private static Guid? OutboxIdOf(MaildevEmail mail) =>
        mail.Headers?.GetValueOrDefault("message-id") is { ValueKind: System.Text.Json.JsonValueKind.String } header
        && Guid.TryParseExact(header.GetString()!.Trim('<', '>').Split('@')[0], "N", out var outboxId) ? outboxId : null;

    private static async Task<T> ScalarAsync<T>(TwoServers servers, string sql)
    {
        await using var db = new NpgsqlConnection(servers.Connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex(@"^- Approve: https://credit\.example\.test(?<path>/review/\S+)$", RegexOptions.Multiline)]
    private static partial Regex ApproveLink();

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)"\s*/?>""")]
    private static partial Regex HiddenField();
}
