using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.MultiServer;

/// <summary>
/// A load balancer without session affinity in front of several servers: each request goes to the
/// next server in turn, whoever sent the one before. Cookies are kept per client and, being bound to
/// the host and not the port, travel to every server as a browser's would through one address.
/// A user's sign-in happens on one server and is then used on all of them.
/// </summary>
public sealed class RoundRobinBalancer(IReadOnlyList<Uri> servers) : IServerClients
{
    /// <summary>The address clients are given; every request to it is sent on to one of the servers.</summary>
    public static readonly Uri Address = new("http://balancer.invalid/");

    private readonly Dictionary<string, string> _tokens = new(StringComparer.OrdinalIgnoreCase);
    private readonly int[] _served = new int[servers.Count];
    private int _next = -1;

    /// <summary>How many requests each server received, in the order of the servers.</summary>
    public IReadOnlyList<int> Served => _served;

    /// <summary>A client without credentials, with its own cookies.</summary>
    public HttpClient Anonymous() =>
        new(new Forwarder(this, new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }))
        {
            BaseAddress = Address,
        };

    public async Task<HttpClient> As(string email)
    {
        if (!_tokens.TryGetValue(email, out var token))
        {
            using var anonymous = Anonymous();
            var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = OnboardingServer.Password });
            token = (await Http.Json(response, HttpStatusCode.OK)).GetProperty("accessToken").GetString()!;
            _tokens[email] = token;
        }

        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private Uri Next()
    {
        var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)servers.Count);
        Interlocked.Increment(ref _served[index]);
        return servers[index];
    }

    private sealed class Forwarder(RoundRobinBalancer balancer, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(balancer.Next(), request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
