using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OnboardingWorkflow.Server.Tests.Jobs;

[Collection(HangfireHostCollection.Name)]
public sealed class DashboardFacts : IAsyncLifetime
{
    private const string AdminEmail = "admin@jobs.test";
    private const string Password = "Dashboard-test-123!";

    private readonly JobsServerFactory _factory = new(new Dictionary<string, string?>
    {
        ["Jobs:Enabled"] = "false",
        ["Bootstrap:AdminEmail"] = AdminEmail,
        ["Bootstrap:AdminPassword"] = Password,
    });

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

    [Fact]
    public async Task Dashboard_OpensForAdmin()
    {
        using var admin = await SignedInAsync(AdminEmail);

        using var response = await admin.GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Onboarding jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_RefusesSignedInUserWithoutAdminRole()
    {
        using (var admin = await SignedInAsync(AdminEmail))
        {
            using var created = await admin.PostAsJsonAsync("/api/users", new { email = "maker@jobs.test", password = Password, roles = new[] { "Sales" } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var maker = await SignedInAsync("maker@jobs.test");
        using var response = await maker.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
