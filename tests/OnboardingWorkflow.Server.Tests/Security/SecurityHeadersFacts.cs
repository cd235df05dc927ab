using System.Net;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Security;

/// <summary>Browser hardening headers on every kind of response, and the API docs behind sign-in in Production.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class SecurityHeadersFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;

    public Task InitializeAsync()
    {
        _server = OnboardingServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Success_problem_refusal_and_health_answers_all_carry_the_headers()
    {
        using var admin = await _server.As(Users.Admin);
        using var anonymous = _server.Anonymous();
        var responses = new[]
        {
            await Expect(admin.GetAsync("/api/auth/me"), HttpStatusCode.OK),
            await Expect(admin.GetAsync("/api/users/no-such-user"), HttpStatusCode.NotFound),
            await Expect(anonymous.GetAsync("/api/users"), HttpStatusCode.Unauthorized),
            await Expect(anonymous.GetAsync("/health/live"), HttpStatusCode.OK),
            await Expect(anonymous.GetAsync("/docs/index.html"), HttpStatusCode.OK),
        };

        foreach (var response in responses)
        {
            var path = response.RequestMessage!.RequestUri!.AbsolutePath;
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", $"nosniff on {path}");
            Assert.True(response.Headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY", $"X-Frame-Options on {path}");
            Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", $"Referrer-Policy on {path}");
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"CSP on {path}");
            var policy = csp!.Single();
            Assert.Contains("default-src 'self'", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Contains("object-src 'none'", policy);
            Assert.Contains("connect-src 'self' ws: wss:", policy);
            Assert.DoesNotContain("unsafe-eval", policy);
        }
    }

    [Fact]
    public async Task The_docs_page_loads_nothing_the_policy_blocks()
    {
        using var anonymous = _server.Anonymous();
        var page = await anonymous.GetStringAsync("/docs/index.html");
        // script-src 'self' allows no inline script: the page must take all of its code from files.
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", page);
        Assert.Matches("<script[^>]*src=\"[^\"]*swagger-ui-bundle\\.js\"", page);
        await Http.Ensure(await anonymous.GetAsync("/docs/index.js"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_sign_in_cookie_is_http_only_and_strict()
    {
        using var anonymous = _server.Anonymous();
        var response = await anonymous.PostAsync("/api/auth/login?useCookies=true",
            System.Net.Http.Json.JsonContent.Create(new { email = Users.Admin, password = OnboardingServer.Password }));
        await Http.Ensure(response, HttpStatusCode.OK);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("owf.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        // Plain HTTP here, so not Secure; over HTTPS the same policy marks it Secure.
        Assert.DoesNotContain("secure;", cookie + ";", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task In_production_the_docs_and_the_openapi_document_need_a_signed_in_caller()
    {
        await using var production = OnboardingServer.Start(new Dictionary<string, string?> { ["environment"] = "Production" });
        using var anonymous = production.Anonymous();
        await Http.Problem(await anonymous.GetAsync("/docs/index.html"), HttpStatusCode.Unauthorized, "unauthorized");
        await Http.Problem(await anonymous.GetAsync("/openapi/v1.json"), HttpStatusCode.Unauthorized, "unauthorized");

        using var admin = await production.As(Users.Admin);
        Assert.Contains("swagger-ui", await admin.GetStringAsync("/docs/index.html"));
        Assert.Contains("/api/audit", await admin.GetStringAsync("/openapi/v1.json"));
    }

    [Fact]
    public async Task In_production_the_docs_can_be_opened_by_configuration()
    {
        await using var production = OnboardingServer.Start(new Dictionary<string, string?> { ["environment"] = "Production", ["OpenApi:AllowAnonymous"] = "true" });
        using var anonymous = production.Anonymous();
        await Http.Ensure(await anonymous.GetAsync("/docs/index.html"), HttpStatusCode.OK);
        await Http.Ensure(await anonymous.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> Expect(Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        var response = await request;
        await Http.Ensure(response, status);
        return response;
    }
}
