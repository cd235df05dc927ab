using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Web.Tests.Browser;

/// <summary>
/// The real server on Kestrel (a free loopback port, SQLite in a temp folder) for browser tests,
/// plus the files of <c>Browser/DiagramPage</c> under <c>/_test/</c>, served with the product's
/// Content-Security-Policy so a script that breaks it fails the test; a PUT to <c>/_test/saved</c> is
/// recorded in <see cref="Saved"/> and answered with JSON { revision, xml } (the designer's save target). A minimal local fixture:
/// the shared browser fixtures of this project can replace it.
/// </summary>
public sealed class DashboardHost : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@owf.test";
    public const string Password = "Test-pass-123!";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("owf-web-tests-").FullName;

    public DashboardHost()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    public Uri BaseAddress { get; }

    /// <summary>The bodies and antiforgery headers of the PUTs to <c>/_test/saved</c>, in order.</summary>
    public ConcurrentQueue<SavedRequest> Saved { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:DataDirectory", _dataDirectory);
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_dataDirectory, "onboarding.db")};Pooling=False");
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", Password);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new TestPages(this)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up with the rest of the temp folder.
        }
    }

    /// <summary>Serves the test pages before the product's pipeline, which would ask for a sign-in.</summary>
    private sealed class TestPages(DashboardHost host) : IStartupFilter
    {
        private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Browser", "DiagramPage");

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var path = context.Request.Path.Value ?? "";
                if (!path.StartsWith("/_test/", StringComparison.Ordinal))
                {
                    await nextMiddleware(context);
                    return;
                }

                if (path == "/_test/saved" && HttpMethods.IsPut(context.Request.Method))
                {
                    using var reader = new StreamReader(context.Request.Body);
                    var body = await reader.ReadToEndAsync();
                    host.Saved.Enqueue(new SavedRequest(body, context.Request.ContentType, context.Request.Headers["RequestVerificationToken"].ToString()));
                    // Answers like the drafts API: the saved state, with the XML the designer must not hand on.
                    await context.Response.WriteAsJsonAsync(new { revision = host.Saved.Count, xml = body });
                    return;
                }

                var file = Path.Combine(Folder, Path.GetFileName(path));
                if (!File.Exists(file))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy;
                context.Response.ContentType = Path.GetExtension(file) switch
                {
                    ".html" => "text/html; charset=utf-8",
                    ".js" => "text/javascript; charset=utf-8",
                    _ => "application/xml; charset=utf-8",
                };
                await context.Response.SendFileAsync(file);
            });
            next(app);
        };
    }
}

/// <summary>One request the designer sent to the test save target.</summary>
public sealed record SavedRequest(string Body, string? ContentType, string AntiforgeryToken);
