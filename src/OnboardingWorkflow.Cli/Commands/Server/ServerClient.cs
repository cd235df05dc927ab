using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OnboardingWorkflow.Cli.Commands.Server;

/// <summary>A refusal or failure of the server, as one line: the status, the problem's code and its detail.</summary>
public sealed class ServerException(string message) : Exception(message);

/// <summary>
/// Talks to an OnboardingWorkflow server: signs in with e-mail and password for a bearer token
/// (POST /api/auth/login), then sends requests with it. Problems come back as <see cref="ServerException"/>.
/// </summary>
public sealed class ServerClient(Uri server, HttpMessageHandler? handler = null) : IDisposable
{
    private readonly HttpClient _http = handler is null
        ? new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(5) }
        : new HttpClient(handler) { BaseAddress = server };

    public async Task SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password }) },
            cancellationToken);
        var token = answer.TryGetProperty("accessToken", out var value) ? value.GetString() : null;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            token ?? throw new ServerException($"{server} answered the sign-in without an access token; is it an OnboardingWorkflow server?"));
    }

    public Task<JsonElement> PostAsync(string path, HttpContent content, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, cancellationToken);

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ServerException($"cannot reach {server}: {ex.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = TryParse(text);
            if (response.IsSuccessStatusCode && json is { } body)
            {
                return body;
            }

            throw new ServerException(Problem(request, response, json));
        }
    }

    private static string Problem(HttpRequestMessage request, HttpResponseMessage response, JsonElement? json)
    {
        var what = $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}";
        if (json is not { ValueKind: JsonValueKind.Object } problem)
        {
            return $"{what} without a JSON body";
        }

        var code = problem.TryGetProperty("code", out var c) ? c.GetString() : null;
        var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
        return $"{what} {code}: {detail}";
    }

    private static JsonElement? TryParse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
