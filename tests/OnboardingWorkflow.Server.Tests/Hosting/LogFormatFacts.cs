using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Server.Hosting;

namespace OnboardingWorkflow.Server.Tests.Hosting;

/// <summary>Console logs are JSON lines with UTC timestamps and scopes in Production, the usual format in Development, and Logging:Format overrides both.</summary>
public sealed class LogFormatFacts
{
    [Theory]
    [InlineData("Production", null, true)]
    [InlineData("Development", null, false)]
    [InlineData("Development", "json", true)]
    [InlineData("Production", "simple", false)]
    public void The_console_format_follows_the_environment_unless_set(string environment, string? format, bool json)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:Format"] = format });

        builder.AddOnboardingTelemetry();
        using var services = builder.Services.BuildServiceProvider();

        var console = services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value;
        Assert.Equal(json, console.FormatterName == ConsoleFormatterNames.Json);
        if (json)
        {
            var options = services.GetRequiredService<IOptions<JsonConsoleFormatterOptions>>().Value;
            Assert.True(options.UseUtcTimestamp);
            Assert.True(options.IncludeScopes);
            Assert.Equal("yyyy-MM-ddTHH:mm:ss.fffZ", options.TimestampFormat);
        }
    }
}
