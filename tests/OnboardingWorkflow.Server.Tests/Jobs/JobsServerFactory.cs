using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OnboardingWorkflow.Server.Tests.Email;

namespace OnboardingWorkflow.Server.Tests.Jobs;

/// <summary>The server in-process on a SQLite database in a temp folder, with the given settings on top.</summary>
public sealed class JobsServerFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "owf-jobs-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:DataDirectory", _dataDirectory);
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_dataDirectory, "onboarding.db")};Pooling=False");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up with the rest of the temp folder.
        }
    }
}

/// <summary>Hosts that configure Hangfire (whose configuration is process-wide) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireHostCollection : ICollectionFixture<MaildevFixture>
{
    public const string Name = "hangfire-host";
}
