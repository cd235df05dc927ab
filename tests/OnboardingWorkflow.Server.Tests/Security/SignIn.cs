using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Security;

/// <summary>Fresh sign-ins (never the server's cached tokens) and user look-ups for the security tests.</summary>
public static class SignIn
{
    public static async Task<HttpClient> WithTokenAsync(OnboardingServer server, string email, string password = OnboardingServer.Password)
    {
        using var anonymous = server.Anonymous();
        var body = await Http.Json(await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password }), HttpStatusCode.OK);
        var client = server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>
    /// A client that sends the sign-in cookie. Set by hand: the cookie expires by the server's
    /// manual clock, which stands months behind the real one, so a cookie container would drop it.
    /// </summary>
    public static async Task<HttpClient> WithCookieAsync(OnboardingServer server, string email)
    {
        using var anonymous = server.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = OnboardingServer.Password });
        await Http.Ensure(response, HttpStatusCode.OK);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("owf.auth=", StringComparison.Ordinal)).Split(';')[0];
        var client = server.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    public static async Task<HttpResponseMessage> LoginAsync(OnboardingServer server, string email, string password)
    {
        using var anonymous = server.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password });
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public static async Task<JsonElement> UserAsync(OnboardingServer server, string email)
    {
        using var admin = await server.As(Users.Admin);
        var users = await Http.Json(await admin.GetAsync("/api/users"), HttpStatusCode.OK);
        return users.EnumerateArray().Single(u => string.Equals(u.GetProperty("email").GetString(), email, StringComparison.OrdinalIgnoreCase));
    }

    public static async Task<string> IdOfAsync(OnboardingServer server, string email) => (await UserAsync(server, email)).GetProperty("id").GetString()!;
}
