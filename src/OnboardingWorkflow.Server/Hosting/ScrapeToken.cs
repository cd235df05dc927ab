using System.Security.Cryptography;
using System.Text;

namespace OnboardingWorkflow.Server.Hosting;

/// <summary>
/// The metrics scrape token of a Prometheus server that cannot sign in. Compared in constant
/// time over SHA-256 digests, so neither the content nor the length of the token leaks through
/// response times.
/// </summary>
public sealed class ScrapeToken
{
    private readonly byte[]? _digest;

    public ScrapeToken(string? token) =>
        _digest = string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public bool IsConfigured => _digest is not null;

    /// <summary>Whether the request carries "Authorization: Bearer &lt;the token&gt;".</summary>
    public bool Matches(HttpContext? http)
    {
        if (_digest is null || http is null)
        {
            return false;
        }

        var header = http.Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(header[Bearer.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(offered, _digest);
    }
}
