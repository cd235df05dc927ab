namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>
/// The real server (the dashboard included, once it exists) on Kestrel at 127.0.0.1 and a free
/// port, on a fresh SQLite data directory, with the test cast of <see cref="Users"/> created, all
/// signing in with <see cref="OnboardingServer.Password"/>. Use it as a class fixture
/// (<c>IClassFixture&lt;WebServerFixture&gt;</c>): one database per test class.
/// The server's manual clock starts at the real now, because the browser keeps real time.
/// </summary>
public sealed class WebServerFixture : IAsyncLifetime
{
    private OnboardingServer? _server;

    public OnboardingServer Server => _server ?? throw new InvalidOperationException("The server has not started yet.");

    /// <summary>Where the browser goes: http://127.0.0.1:PORT/.</summary>
    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>Drives the onboarding flow over HTTP to prepare data fast (submit, documents, decisions).</summary>
    public Onboarding Onboarding => new(Server);

    /// <summary>Prepares receivables, escalation cases and holds (life after activation).</summary>
    public Collections Collections => new(Server);

    /// <summary>Prepares early-warning alerts and the reviews they trigger (orders imported, the daily jobs run).</summary>
    public EarlyWarnings EarlyWarnings => new(Server);

    /// <summary>An HTTP client signed in as <paramref name="email"/> with a bearer token, for preparing data.</summary>
    public Task<HttpClient> As(string email) => Server.As(email);

    public async Task InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        _server = OnboardingServer.Start(
            new Dictionary<string, string?> { ["OpenApi:AllowAnonymous"] = "true" },
            clockStart: new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero));
        await _server.SeedUsersAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
