using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Server.Security;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Operations;

/// <summary>Runs the operator's commands as the server would, capturing what they print.</summary>
internal static class Commands
{
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(Func<string[], TextWriter, TextWriter, Task<int>> command, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await command(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Only the database services, as the migrate and backup commands need them, without a server that would migrate at start-up.</summary>
    public static ServiceProvider DatabaseOnly(DatabaseOptions options)
    {
        var services = new ServiceCollection();
        services.AddOnboardingData(options);
        services.AddSingleton(Options.Create(options));
        return services.BuildServiceProvider();
    }

    public static StartupConfigurationException StartFails(IReadOnlyDictionary<string, string?> settings)
    {
        var thrown = Assert.ThrowsAny<Exception>(() => OnboardingServer.Start(settings));
        for (Exception? e = thrown; e is not null; e = e.InnerException)
        {
            if (e is StartupConfigurationException found)
            {
                return found;
            }
        }

        throw new Xunit.Sdk.XunitException($"expected a StartupConfigurationException, got {thrown}");
    }

    public static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "owf-ops-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
