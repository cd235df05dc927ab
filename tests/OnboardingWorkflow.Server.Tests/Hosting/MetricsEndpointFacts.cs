using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Server.Hosting;
using OnboardingWorkflow.Server.Security;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Hosting;

/// <summary>The Prometheus scrape endpoint: what an admin reads after an application, and who else may read it.</summary>
public sealed partial class MetricsEndpointFacts : IAsyncLifetime
{
    private const string Token = "scrape-token-0123456789-abcdefghijklmnop";
    private OnboardingServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start(new Dictionary<string, string?> { ["Telemetry:Prometheus:ScrapeToken"] = Token });
        await _server.SeedUsersAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Admin_reads_engine_counters_and_open_tasks_by_group_after_an_application()
    {
        await new Onboarding(_server).SubmitAsync(Users.Sally, Onboarding.Low);
        var expectedGroups = await _server.WithDbAsync(db =>
            db.Set<WorkflowTaskCandidateEntity>().Where(c => c.Kind == WorkflowTaskCandidateEntity.GroupKind)
                .Join(db.Set<WorkflowTaskEntity>().Where(t => t.Status == "Open"), c => c.TaskId, t => t.Id, (c, _) => c.Value)
                .GroupBy(g => g).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => (double)g.Count));
        var pendingMail = await _server.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Status == OutboxStatus.Pending));

        // Two thrown signals still stored (due in a year, so the timers job leaves them), one of them after a failed try.
        await _server.WithDbAsync(db =>
        {
            var later = DateTimeOffset.UtcNow.AddYears(1);
            db.AddRange(
                new WorkflowDispatchEntity { Id = Guid.CreateVersion7(), Kind = "Signal", Name = "ratesChanged", CreatedAt = DateTimeOffset.UtcNow, DueAt = later },
                new WorkflowDispatchEntity { Id = Guid.CreateVersion7(), Kind = "Signal", Name = "ratesChanged", CreatedAt = DateTimeOffset.UtcNow, DueAt = later, Attempts = 2, LastError = "IOException: the disk is full" });
            return db.SaveChangesAsync();
        });

        using var admin = await _server.As(Users.Admin);
        var response = await admin.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.True(Sum(text, "owf_engine_instances_started_total") >= 1, text);
        Assert.Contains("# TYPE owf_engine_unit_of_work_duration_seconds histogram", text);
        Assert.NotEmpty(expectedGroups);
        foreach (var (group, count) in expectedGroups)
        {
            Assert.Equal(count, Sum(text, "owf_tasks_open", ("group", group)));
        }

        Assert.Equal(pendingMail, Sum(text, "owf_email_outbox_pending"));
        Assert.Equal(2, Sum(text, "owf_workflow_dispatches_pending"));
        Assert.Equal(1, Sum(text, "owf_workflow_dispatches_failing"));
        Assert.Contains("http_server_request_duration_seconds", text);
    }

    [Fact]
    public async Task A_Prometheus_server_with_the_scrape_token_may_read_and_a_wrong_token_is_refused()
    {
        using var anonymous = _server.Anonymous();
        var allowed = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token[..^1] + "x") } };

        var granted = await anonymous.SendAsync(allowed);
        var refused = await anonymous.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Contains("# TYPE", await granted.Content.ReadAsStringAsync());
        await Http.Problem(refused, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Other_roles_are_forbidden_and_anonymous_callers_must_sign_in()
    {
        using var sales = await _server.As(Users.Sally);
        using var auditor = await _server.As(Users.Audrey);
        using var anonymous = _server.Anonymous();

        await Http.Problem(await sales.GetAsync("/metrics"), HttpStatusCode.Forbidden, "forbidden");
        await Http.Problem(await auditor.GetAsync("/metrics"), HttpStatusCode.Forbidden, "forbidden");
        await Http.Problem(await anonymous.GetAsync("/metrics"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public void The_scrape_token_is_compared_whole()
    {
        var token = new ScrapeToken(Token);
        Assert.True(token.Matches(Request("Bearer " + Token)));
        Assert.False(token.Matches(Request("Bearer " + Token[..^1])));
        Assert.False(token.Matches(Request("Bearer " + Token + "x")));
        Assert.False(token.Matches(Request(Token)));
        Assert.False(token.Matches(Request(null)));
        Assert.False(new ScrapeToken(null).Matches(Request("Bearer ")));

        static DefaultHttpContext Request(string? authorization)
        {
            var http = new DefaultHttpContext();
            if (authorization is not null)
            {
                http.Request.Headers.Authorization = authorization;
            }

            return http;
        }
    }

    [Theory]
    [InlineData("Telemetry:Prometheus:ScrapeToken", "short", "Telemetry:Prometheus:ScrapeToken must be at least 32 characters")]
    [InlineData("Telemetry:Otlp:Endpoint", "collector:4318", "Telemetry:Otlp:Endpoint 'collector:4318' must be an absolute http or https address")]
    [InlineData("Telemetry:Otlp:Protocol", "udp", "Telemetry:Otlp:Protocol 'udp' must be 'http/protobuf' or 'grpc'")]
    [InlineData("Telemetry:Prometheus:Path", "metrics", "Telemetry:Prometheus:Path 'metrics' must be a path such as /metrics")]
    [InlineData("Logging:Format", "xml", "Logging:Format must be 'json' or 'simple'")]
    public void A_bad_setting_stops_the_start_and_is_named(string key, string value, string message)
    {
        // The start-up check turns the failed validation into the one line the server prints.
        var failure = Assert.ThrowsAny<StartupConfigurationException>(() => OnboardingServer.Start(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(message, failure.Message);
    }

    /// <summary>The sum of a metric's samples whose labels include all of <paramref name="labels"/>.</summary>
    private static double Sum(string text, string metric, params (string Name, string Value)[] labels) =>
        Sample().Matches(text)
            .Where(m => m.Groups["name"].Value == metric && labels.All(l => m.Groups["labels"].Value.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
