using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Server.Operations;

namespace OnboardingWorkflow.Server.Hosting;

/// <summary>
/// Running behind nginx or a load balancer: the client address and scheme come from the proxy's
/// X-Forwarded-For and X-Forwarded-Proto, believed only from the proxies in "ReverseProxy". The
/// middleware runs first, so the sign-in limit per address, the audit, HTTPS-only cookies and
/// redirects all see the real client. X-Forwarded-Host is not read: the proxy passes Host itself.
/// (Behind IIS the ASP.NET Core Module sets this up on its own; nothing is needed here.)
/// </summary>
public static class ReverseProxyModule
{
    public static WebApplicationBuilder AddOnboardingReverseProxy(this WebApplicationBuilder builder)
    {
        builder.Services.AddSection<ReverseProxyOptions>(builder.Configuration, ReverseProxyOptions.Section);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, settings) =>
        {
            var proxy = settings.Value;
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = proxy.ForwardLimit;
            // The defaults trust loopback; only what the settings name is trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var address in proxy.Proxies())
            {
                forwarded.KnownProxies.Add(address);
            }

            foreach (var network in proxy.Networks())
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline; reading the settings here stops a start with a bad address, naming the setting.</summary>
    public static WebApplication UseOnboardingReverseProxy(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
