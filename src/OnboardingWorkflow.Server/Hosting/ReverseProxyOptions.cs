using System.ComponentModel.DataAnnotations;
using System.Net;

namespace OnboardingWorkflow.Server.Hosting;

/// <summary>
/// The "ReverseProxy" section: the proxies (nginx, a load balancer) whose X-Forwarded-For and
/// X-Forwarded-Proto headers the server believes. Empty by default, and then the headers are
/// ignored: anyone could send them, and a forged address would dodge the per-address sign-in limit.
/// </summary>
public sealed class ReverseProxyOptions : IValidatableObject
{
    public const string Section = "ReverseProxy";

    /// <summary>Addresses of the proxies, e.g. "127.0.0.1" when nginx runs on the same host.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of proxies in CIDR notation, e.g. "10.0.0.0/24" for a load-balancer subnet.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxy hops are read from the end of X-Forwarded-For; 1 for one proxy in front.</summary>
    [Range(1, 10, ErrorMessage = "ReverseProxy:ForwardLimit must be between 1 and 10.")]
    public int ForwardLimit { get; set; } = 1;

    public bool Enabled => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    public IEnumerable<IPAddress> Proxies() => KnownProxies.Select(p => IPAddress.Parse(p.Trim()));

    public IEnumerable<IPNetwork> Networks() => KnownNetworks.Select(n => IPNetwork.Parse(n.Trim()));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i]?.Trim(), out _))
            {
                yield return new ValidationResult($"ReverseProxy:KnownProxies:{i} '{KnownProxies[i]}' is not an IP address (e.g. 127.0.0.1 or ::1).",
                    [nameof(KnownProxies)]);
            }
        }

        for (var i = 0; i < KnownNetworks.Length; i++)
        {
            if (!IPNetwork.TryParse(KnownNetworks[i]?.Trim(), out _))
            {
                yield return new ValidationResult(
                    $"ReverseProxy:KnownNetworks:{i} '{KnownNetworks[i]}' is not a network in CIDR notation (e.g. 10.0.0.0/24), or has bits set after the prefix.",
                    [nameof(KnownNetworks)]);
            }
        }
    }
}
