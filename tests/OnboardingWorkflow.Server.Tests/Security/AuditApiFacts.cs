using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Security;

/// <summary>GET /api/audit: filters, paging newest first, refusals, and the read itself on the trail.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class AuditApiFacts : IAsyncLifetime
{
    private const string Actor = "clerk@owf.test";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Customer = Guid.NewGuid();
    private OnboardingServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start();
        await _server.SeedUsersAsync();
        // Seven events a minute apart: 0-2 customer reads, 3-4 downloads of one application, 5-6 decisions.
        string[] actions = ["customer.read", "customer.read", "customer.read", "document.downloaded", "document.downloaded", "decision.Approved", "decision.Rejected"];
        await _server.WithDbAsync(db =>
        {
            for (var i = 0; i < actions.Length; i++)
            {
                db.Set<AuditEvent>().Add(new AuditEvent
                {
                    At = Start.AddMinutes(i), Actor = Actor, Action = actions[i], EntityType = i is 3 or 4 ? "Application" : "Customer",
                    EntityId = i is 3 or 4 ? "app-1" : $"c-{i}", CustomerId = i < 3 ? Customer : null, Detail = $"event {i}",
                });
            }

            return db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Filters_narrow_the_trail_and_pages_come_newest_first_with_the_total()
    {
        using var auditor = await _server.As(Users.Audrey);
        var all = await Read(auditor, $"actor={Actor}");
        Assert.Equal(7, all.GetProperty("total").GetInt32());
        Assert.Equal(["event 6", "event 5", "event 4", "event 3", "event 2", "event 1", "event 0"], Details(all));

        Assert.Equal(["event 2", "event 1", "event 0"], Details(await Read(auditor, $"actor={Actor}&action=customer.")));
        Assert.Equal(["event 4", "event 3"], Details(await Read(auditor, "entityType=Application&entityId=app-1")));
        Assert.Equal(["event 2", "event 1", "event 0"], Details(await Read(auditor, $"customerId={Customer}")));
        Assert.Equal(["event 4", "event 3", "event 2"], Details(await Read(auditor, $"actor={Actor}&from=2026-03-01T10:02:00Z&to=2026-03-01T12:04:00%2B02:00")));

        var second = await Read(auditor, $"actor={Actor}&page=2&pageSize=3");
        Assert.Equal(7, second.GetProperty("total").GetInt32());
        Assert.Equal(3, second.GetProperty("pageSize").GetInt32());
        Assert.Equal(["event 3", "event 2", "event 1"], Details(second));
        Assert.Equal(["event 0"], Details(await Read(auditor, $"actor={Actor}&page=3&pageSize=3")));
    }

    [Fact]
    public async Task Reading_the_trail_is_itself_audited_and_admins_may_read_it()
    {
        using var admin = await _server.As(Users.Admin);
        await Read(admin, "action=decision.");
        using var auditor = await _server.As(Users.Audrey);
        var reads = await Read(auditor, "action=audit.read");
        var first = reads.GetProperty("items").EnumerateArray().Last();
        Assert.Equal(Users.Admin, first.GetProperty("actor").GetString());
        Assert.Contains("action=decision.", first.GetProperty("detail").GetString());
        Assert.Contains("2 of 2", first.GetProperty("detail").GetString());
        Assert.True(await _server.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.Action == "audit.read" && e.Actor == Users.Audrey)));
    }

    [Fact]
    public async Task Callers_who_are_not_auditors_or_admins_are_refused()
    {
        foreach (var user in new[] { Users.Sally, Users.Ana, Users.Mia, Users.Rita })
        {
            using var client = await _server.As(user);
            await Http.Problem(await client.GetAsync("/api/audit"), HttpStatusCode.Forbidden, "forbidden");
        }

        using var anonymous = _server.Anonymous();
        await Http.Problem(await anonymous.GetAsync("/api/audit"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from")]
    [InlineData("from=1999-12-31T23:59:59Z", "from")]
    [InlineData("to=2100-01-01T00:00:00Z", "to")]
    [InlineData("from=yesterday", "from")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("customerId=42", "customerId")]
    [InlineData("entityId=app-1", "entityId")]
    public async Task Bad_filters_are_refused_naming_the_field(string query, string field)
    {
        using var auditor = await _server.As(Users.Audrey);
        var problem = await Http.Problem(await auditor.GetAsync($"/api/audit?{query}"), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    private static async Task<JsonElement> Read(HttpClient client, string query) =>
        await Http.Json(await client.GetAsync($"/api/audit?{query}"), HttpStatusCode.OK);

    private static string[] Details(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("detail").GetString()!).ToArray();
}
