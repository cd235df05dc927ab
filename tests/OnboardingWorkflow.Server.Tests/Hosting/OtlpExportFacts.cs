using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Hosting;

/// <summary>With a collector configured, the server exports its spans over OTLP/HTTP; the exporter flushes when the server stops.</summary>
public sealed class OtlpExportFacts
{
    [Fact]
    public async Task Spans_of_requests_and_engine_units_of_work_reach_the_configured_collector()
    {
        await using var collector = await Collector.StartAsync();
        var server = OnboardingServer.Start(new Dictionary<string, string?> { ["Telemetry:Otlp:Endpoint"] = collector.Address.ToString() });
        await using (server)
        {
            await server.SeedUsersAsync();
            await new Onboarding(server).SubmitAsync(Users.Sally, Onboarding.Low);

            // The batch exporter sends every few seconds; on a busy machine the flush at shutdown
            // may not finish in its time, so wait (with a generous ceiling) for the span to arrive.
            for (var waited = 0; waited < 120 && !collector.Traces().Contains("owf.unit_of_work start", StringComparison.Ordinal); waited++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }

        var traces = collector.Received.Where(r => r.Path == "/v1/traces").ToList();
        Assert.NotEmpty(traces);
        Assert.All(traces, r => Assert.Equal("application/x-protobuf", r.ContentType));
        var all = traces.SelectMany(r => r.Body).ToArray();
        Assert.Contains("owf.unit_of_work start", Encoding.UTF8.GetString(all));
        Assert.Contains("onboarding-workflow", Encoding.UTF8.GetString(all));
    }

    /// <summary>A stand-in OTLP/HTTP collector on loopback that keeps every request it gets.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Collector(WebApplication app, Uri address)
        {
            _app = app;
            Address = address;
        }

        public Uri Address { get; }
        public ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> Received { get; } = new();

        /// <summary>Every trace export received so far, as text (span names and attributes are readable in the protobuf bytes).</summary>
        public string Traces() => Encoding.UTF8.GetString(Received.Where(r => r.Path == "/v1/traces").SelectMany(r => r.Body).ToArray());

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            Collector? collector = null;
            app.MapPost("/v1/{signal}", async (HttpContext http) =>
            {
                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body);
                collector!.Received.Enqueue((http.Request.Path, http.Request.ContentType, body.ToArray()));
                http.Response.ContentType = "application/x-protobuf";
                return Results.Ok();
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            collector = new Collector(app, new Uri(address));
            return collector;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
