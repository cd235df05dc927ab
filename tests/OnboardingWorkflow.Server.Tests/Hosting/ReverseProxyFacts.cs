using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using OnboardingWorkflow.Server.Security;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Hosting;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto count only from the proxies named in "ReverseProxy":
/// the sign-in limit per address then applies to the forwarded client, and a cookie set over the
/// proxy's HTTPS is Secure. The test server listens on 127.0.0.1, so the test client is the proxy.
/// </summary>
[Collection(HangfireHostCollection.Name)]
public sealed class ReverseProxyFacts
{
    private const int PerAddress = 2;

    [Fact]
    public async Task Behind_a_known_proxy_each_forwarded_client_has_its_own_sign_in_limit()
    {
        await using var server = Start(new() { ["ReverseProxy:KnownProxies:0"] = "127.0.0.1" });

        await UseUpTheLimitAsync(server, forwardedFor: "203.0.113.10");
        await Http.Problem(await WrongPasswordAsync(server, "203.0.113.10"), HttpStatusCode.TooManyRequests, "too_many_requests");

        // Another client behind the same proxy is not held up by the first one's attempts.
        await Http.Problem(await WrongPasswordAsync(server, "203.0.113.20"), HttpStatusCode.Unauthorized, "invalid_credentials");
        // The proxy appends the address it saw to what the client sent: only the last hop counts, so a forged first entry changes nothing.
        await Http.Problem(await WrongPasswordAsync(server, "198.51.100.7, 203.0.113.10"), HttpStatusCode.TooManyRequests, "too_many_requests");
    }

    [Fact]
    public async Task Without_a_configured_proxy_the_forwarded_address_is_ignored()
    {
        await using var server = Start([]);

        await UseUpTheLimitAsync(server, forwardedFor: "203.0.113.10");
        // Every request came from 127.0.0.1, whatever it claimed: a forged header does not reset the limit.
        await Http.Problem(await WrongPasswordAsync(server, "203.0.113.20"), HttpStatusCode.TooManyRequests, "too_many_requests");
    }

    [Fact]
    public async Task A_sender_outside_the_known_proxies_and_networks_is_not_believed()
    {
        await using var server = Start(new() { ["ReverseProxy:KnownProxies:0"] = "192.0.2.1", ["ReverseProxy:KnownNetworks:0"] = "10.20.0.0/16" });

        await UseUpTheLimitAsync(server, forwardedFor: "203.0.113.10");
        await Http.Problem(await WrongPasswordAsync(server, "203.0.113.20"), HttpStatusCode.TooManyRequests, "too_many_requests");
    }

    [Fact]
    public async Task A_known_network_of_proxies_is_believed()
    {
        await using var server = Start(new() { ["ReverseProxy:KnownNetworks:0"] = "127.0.0.0/8" });

        await UseUpTheLimitAsync(server, forwardedFor: "203.0.113.10");
        await Http.Problem(await WrongPasswordAsync(server, "203.0.113.20"), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task The_sign_in_cookie_is_secure_when_the_proxy_says_the_client_used_https()
    {
        await using var server = Start(new() { ["ReverseProxy:KnownProxies:0"] = "127.0.0.1" });

        Assert.Contains("secure", await CookieAsync(server, "https"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await CookieAsync(server, "http"), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("ReverseProxy:KnownProxies:0", "nginx.local", "ReverseProxy:KnownProxies:0 'nginx.local' is not an IP address")]
    [InlineData("ReverseProxy:KnownNetworks:0", "10.0.0.1/33", "ReverseProxy:KnownNetworks:0 '10.0.0.1/33' is not a network in CIDR notation")]
    [InlineData("ReverseProxy:ForwardLimit", "0", "ReverseProxy:ForwardLimit must be between 1 and 10.")]
    public void A_bad_setting_stops_the_start_naming_it(string key, string value, string message)
    {
        // The start-up check turns the failed validation into the one line the server prints.
        var thrown = Assert.IsType<StartupConfigurationException>(Assert.ThrowsAny<Exception>(() => Start(new() { [key] = value })));
        Assert.Contains(message, thrown.Message, StringComparison.Ordinal);
    }

    private static OnboardingServer Start(Dictionary<string, string?> settings)
    {
        settings["Security:Login:AttemptsPerAddress"] = PerAddress.ToString(CultureInfo.InvariantCulture);
        settings["Security:Login:AttemptsPerAccount"] = "100";
        settings["Security:Login:FailureFloor"] = "00:00:00";
        return OnboardingServer.Start(settings);
    }

    private static async Task UseUpTheLimitAsync(OnboardingServer server, string forwardedFor)
    {
        for (var i = 0; i < PerAddress; i++)
        {
            await Http.Problem(await WrongPasswordAsync(server, forwardedFor), HttpStatusCode.Unauthorized, "invalid_credentials");
        }
    }

    private static async Task<HttpResponseMessage> WrongPasswordAsync(OnboardingServer server, string forwardedFor)
    {
        using var client = server.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email = "nobody@owf.test", password = "wrong-Pass-1!" }) };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<string> CookieAsync(OnboardingServer server, string forwardedProto)
    {
        using var client = server.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login?useCookies=true")
        {
            Content = JsonContent.Create(new { email = OnboardingServer.AdminEmail, password = OnboardingServer.Password }),
        };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.30");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", forwardedProto);
        using var response = await client.SendAsync(request);
        await Http.Ensure(response, HttpStatusCode.OK);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("owf.auth=", StringComparison.Ordinal));
    }
}
