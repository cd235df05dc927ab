using System.Net;
using System.Net.Http.Json;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>The task inbox's endpoints: paging headers, counts, unclaim, delegate, dates, saved filters, and their refusals as problems.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class TaskInboxApiFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;
    private Onboarding _flow = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start();
        await _server.SeedUsersAsync();
        _flow = new Onboarding(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Two applications waiting for the analysts' document review.</summary>
    private async Task<(string First, string Second)> TwoReviewsAsync()
    {
        var tasks = new List<string>();
        foreach (var name in new[] { "Alpha Trading", "Beta Works" })
        {
            var id = await _flow.SubmitAsync(Users.Sally, Onboarding.Low, name);
            await _flow.CollectDocumentsAsync(Users.Sally, id, Onboarding.Low);
            tasks.Add(await _flow.TaskIdAsync(id, "reviewDocuments"));
        }

        return (tasks[0], tasks[1]);
    }

    [Fact]
    public async Task The_list_stays_an_array_with_the_total_in_a_header_and_the_counts_match_it()
    {
        var (first, second) = await TwoReviewsAsync();
        using var ana = await _server.As(Users.Ana);

        var page = await ana.GetAsync("/api/tasks?pageSize=1&sort=customer&desc=true");
        var items = await Http.Json(page, HttpStatusCode.OK);
        Assert.Equal("2", Assert.Single(page.Headers.GetValues("X-Total-Count")));
        var item = Assert.Single(items.EnumerateArray());
        Assert.Equal((second, "Beta Works"), (item.GetProperty("id").GetString(), item.GetProperty("customerName").GetString()));

        var searched = await ana.GetAsync("/api/tasks?search=alpha");
        Assert.Equal(first, Assert.Single((await Http.Json(searched, HttpStatusCode.OK)).EnumerateArray()).GetProperty("id").GetString());
        var counts = await Http.Json(await ana.GetAsync("/api/tasks/counts"), HttpStatusCode.OK);
        Assert.Equal((2, 2, 0), (counts.GetProperty("available").GetInt32(), counts.GetProperty("unclaimed").GetInt32(), counts.GetProperty("mine").GetInt32()));
        Assert.Equal(1, (await Http.Json(await ana.GetAsync("/api/tasks/counts?search=beta"), HttpStatusCode.OK)).GetProperty("available").GetInt32());
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("filter=everything", "filter")]
    [InlineData("sort=amount", "sort")]
    public async Task Bad_list_parameters_are_a_problem_naming_the_parameter(string query, string field)
    {
        using var ana = await _server.As(Users.Ana);
        var problem = await Http.Problem(await ana.GetAsync("/api/tasks?" + query), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_claim_is_handed_on_moved_in_time_and_given_back_by_those_allowed_to()
    {
        var (task, _) = await TwoReviewsAsync();
        using var ana = await _server.As(Users.Ana);
        using var alan = await _server.As(Users.Alan);
        using var max = await _server.As(Users.Max);
        await Http.Ensure(await ana.PostAsync($"/api/tasks/{task}/claim", null), HttpStatusCode.OK);

        var due = _server.Clock.GetUtcNow().AddDays(2);
        await Http.Ensure(await ana.PutAsJsonAsync($"/api/tasks/{task}/dates", new { due, followUp = (DateTimeOffset?)null }), HttpStatusCode.NoContent);
        var listed = (await Http.Json(await ana.GetAsync("/api/tasks?filter=mine"), HttpStatusCode.OK)).EnumerateArray().Single(t => t.GetProperty("id").GetString() == task);
        Assert.Equal(due, listed.GetProperty("dueDate").GetDateTimeOffset());
        var tooLate = await Http.Problem(await ana.PutAsJsonAsync($"/api/tasks/{task}/dates", new { due = due.AddYears(5) }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(tooLate.GetProperty("errors").TryGetProperty("due", out _), tooLate.ToString());

        var notACandidate = await Http.Problem(await ana.PostAsJsonAsync($"/api/tasks/{task}/delegate", new { user = Users.Sam }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("offered to", notACandidate.GetProperty("errors").GetProperty("user")[0].GetString());
        var handed = await Http.Json(await ana.PostAsJsonAsync($"/api/tasks/{task}/delegate", new { user = Users.Alan }), HttpStatusCode.OK);
        Assert.Equal(Users.Alan, handed.GetProperty("claimedBy").GetString());
        Assert.Contains((await Http.Json(await alan.GetAsync("/api/tasks?mine=true"), HttpStatusCode.OK)).EnumerateArray(), t => t.GetProperty("id").GetString() == task);

        await Http.Problem(await ana.PostAsync($"/api/tasks/{task}/unclaim", null), HttpStatusCode.Forbidden, "forbidden");
        await Http.Problem(await ana.PutAsJsonAsync($"/api/tasks/{task}/dates", new { due }), HttpStatusCode.Forbidden, "forbidden");
        await Http.Ensure(await max.PostAsync($"/api/tasks/{task}/unclaim", null), HttpStatusCode.NoContent);
        await Http.Problem(await max.PostAsync($"/api/tasks/{task}/unclaim", null), HttpStatusCode.Conflict, "invalid_state");
        Assert.Contains((await Http.Json(await alan.GetAsync("/api/tasks?filter=Unclaimed"), HttpStatusCode.OK)).EnumerateArray(), t => t.GetProperty("id").GetString() == task);

        using var audrey = await _server.As(Users.Audrey);
        Assert.Equal(HttpStatusCode.Forbidden, (await audrey.PostAsync($"/api/tasks/{task}/unclaim", null)).StatusCode);
        await Http.Problem(await ana.PostAsync("/api/tasks/nope/unclaim", null), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Saved_filters_belong_to_their_user()
    {
        using var ana = await _server.As(Users.Ana);
        using var alan = await _server.As(Users.Alan);
        var saved = await Http.Json(await ana.PostAsJsonAsync("/api/tasks/filters", new { name = "Big cases", filter = "mine", sort = "requestedAmount", desc = true }), HttpStatusCode.OK);
        Assert.Equal(("Mine", "RequestedAmount", true), (saved.GetProperty("filter").GetString(), saved.GetProperty("sort").GetString(), saved.GetProperty("desc").GetBoolean()));
        var id = saved.GetProperty("id").GetString();

        Assert.Single((await Http.Json(await ana.GetAsync("/api/tasks/filters"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Empty((await Http.Json(await alan.GetAsync("/api/tasks/filters"), HttpStatusCode.OK)).EnumerateArray());
        await Http.Problem(await alan.DeleteAsync($"/api/tasks/filters/{id}"), HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await ana.PostAsJsonAsync("/api/tasks/filters", new { name = new string('x', 61) }), HttpStatusCode.BadRequest, "invalid_request");
        await Http.Problem(await ana.PostAsJsonAsync("/api/tasks/filters", new { name = "x", colour = "red" }), HttpStatusCode.BadRequest, "invalid_request");

        await Http.Ensure(await ana.DeleteAsync($"/api/tasks/filters/{id}"), HttpStatusCode.NoContent);
        Assert.Empty((await Http.Json(await ana.GetAsync("/api/tasks/filters"), HttpStatusCode.OK)).EnumerateArray());
    }
}
