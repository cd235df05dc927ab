using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Workflow;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Testing;

/// <summary>
/// The real server in-process on Kestrel (a free loopback port), on a SQLite file in a temp data
/// directory, with a manual clock. A second server on the same directory is a restart.
/// </summary>
public sealed class OnboardingServer : IServerClients, IAsyncDisposable
{
    public const string AdminEmail = "admin@owf.test";
    public const string Password = "Test-pass-123!";

    private readonly Factory _factory;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyDictionary<string, string?>? _settings;
    private readonly Action<IServiceCollection>? _services;
    private bool _ownsDirectory;

    private OnboardingServer(string dataDirectory, ManualClock clock, bool ownsDirectory, IReadOnlyDictionary<string, string?>? settings,
        Action<IServiceCollection>? services)
    {
        DataDirectory = dataDirectory;
        Clock = clock;
        _ownsDirectory = ownsDirectory;
        _settings = settings;
        _services = services;
        _factory = new Factory(dataDirectory, clock, settings ?? new Dictionary<string, string?>(), services);
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    public string DataDirectory { get; }
    public ManualClock Clock { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _factory.Services;

    /// <summary>The manual clock's start unless a test asks for another: a fixed Monday morning, so dates in assertions are stable.</summary>
    public static readonly DateTimeOffset DefaultClockStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Starts a server on a fresh data directory. A browser keeps real time (it drops a cookie whose
    /// expiry by the server's clock has passed), so browser tests start the clock at the real now.
    /// <paramref name="services"/> adds test-only services: observers of the server, such as a circuit counter.
    /// </summary>
    public static OnboardingServer Start(IReadOnlyDictionary<string, string?>? settings = null, DateTimeOffset? clockStart = null,
        Action<IServiceCollection>? services = null) =>
        new(Path.Combine(Path.GetTempPath(), "owf-api-" + Guid.NewGuid().ToString("N")), new ManualClock(clockStart ?? DefaultClockStart), true, settings, services);

    /// <summary>The same server on a fresh PostgreSQL database of the test cluster (created by the migrations).</summary>
    public static async Task<OnboardingServer> StartOnPostgreSqlAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var cluster = await PostgreSqlTestServer.GetConnectionStringAsync();
        var database = "owf_api_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(cluster) { Database = database, Pooling = false }.ConnectionString;
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = connection };
        return Start(all);
    }

    /// <summary>A new server process on the same database and files, as after a restart.</summary>
    public static OnboardingServer Restart(OnboardingServer previous)
    {
        var next = new OnboardingServer(previous.DataDirectory, previous.Clock, previous._ownsDirectory, previous._settings, previous._services);
        previous._ownsDirectory = false;
        return next;
    }

    /// <summary>Moves the clock; tokens issued before have expired by then, so clients sign in again.</summary>
    public void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        _tokens.Clear();
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    /// <summary>A client signed in as <paramref name="email"/> with a bearer token.</summary>
    public async Task<HttpClient> As(string email)
    {
        if (!_tokens.TryGetValue(email, out var token))
        {
            using var anonymous = Anonymous();
            var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
            await Http.Ensure(response, HttpStatusCode.OK);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            token = body.GetProperty("accessToken").GetString()!;
            _tokens[email] = token;
        }

        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates the standard cast of users through the admin API.</summary>
    public async Task SeedUsersAsync()
    {
        using var admin = await As(AdminEmail);
        foreach (var (email, role) in Users.All)
        {
            var response = await admin.PostAsJsonAsync("/api/users", new { email, password = Password, roles = new[] { role } });
            await Http.Ensure(response, HttpStatusCode.Created);
        }
    }

    /// <summary>Fires due timers the way the recurring sweep does.</summary>
    public async Task<int> RunDueJobsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowEngine>().RunDueJobsAsync();
    }

    /// <summary>Runs the queued migration batches now, as the "workflow-migration" job would; jobs are off in tests.</summary>
    public async Task<int> RunMigrationBatchesAsync()
    {
        var queued = await WithDbAsync(db => db.Set<WorkflowMigrationBatch>().Where(b => b.State == WorkflowMigrationBatchState.Queued)
            .Select(b => b.Id).ToListAsync());
        var runner = Services.GetRequiredService<MigrationBatchRunner>();
        foreach (var id in queued)
        {
            await runner.RunAsync(id, CancellationToken.None);
        }

        return queued.Count;
    }

    public async Task<T> WithDbAsync<T>(Func<OnboardingDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OnboardingDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (_ownsDirectory)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean up with the rest of the temp folder.
            }
        }
    }

    private sealed class Factory(string dataDirectory, ManualClock clock, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? extra)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:DataDirectory", dataDirectory);
            builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(dataDirectory, "onboarding.db")};Pooling=False");
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
            builder.UseSetting("Bootstrap:AdminPassword", Password);
            builder.UseSetting("Documents:MaxBytes", "65536");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.AddProvider(new ServerErrorLog(dataDirectory)));
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
                extra?.Invoke(services);
            });
        }
    }
}

/// <summary>The people of the tests, one role each.</summary>
public static class Users
{
    public const string Sally = "sally@owf.test";
    public const string Sam = "sam@owf.test";
    public const string Ana = "ana@owf.test";
    public const string Alan = "alan@owf.test";
    public const string Mia = "mia@owf.test";
    public const string Max = "max@owf.test";
    public const string Rita = "rita@owf.test";
    public const string Rob = "rob@owf.test";
    public const string Ray = "ray@owf.test";
    public const string Audrey = "audrey@owf.test";

    /// <summary>A machine worker's service account (role ExternalWorker): fetches and reports on external tasks, nothing else.</summary>
    public const string Walt = "walt@owf.test";
    public const string Admin = OnboardingServer.AdminEmail;

    public static readonly (string Email, string Role)[] All =
    [
        (Sally, "Sales"), (Sam, "Sales"), (Ana, "CreditAnalyst"), (Alan, "CreditAnalyst"), (Mia, "CreditManager"), (Max, "CreditManager"),
        (Rita, "RiskCommittee"), (Rob, "RiskCommittee"), (Ray, "RiskCommittee"), (Audrey, "Auditor"), (Walt, "ExternalWorker"),
    ];
}
