using System.Net;
using System.Net.Http.Headers;

namespace OnboardingWorkflow.Server.Tests.Jobs;

[Collection(HangfireHostCollection.Name)]
public sealed class DashboardFacts : IAsyncLifetime
{
    private readonly JobsServerFactory _factory = new(new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/recurring")]
    [InlineData("/hangfire/jobs/enqueued")]
    [InlineData("/hangfire/stats")]
    public async Task Dashboard_RefusesAnonymousUser(string path)
    {
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = path.EndsWith("/stats", StringComparison.Ordinal)
            ? await client.PostAsync(path, new FormUrlEncodedContent([]))
            : await client.GetAsync(path);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Onboarding jobs", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Dashboard_RefusesMadeUpBearerToken()
    {
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        using var response = await client.GetAsync("/hangfire");

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
    }
}
