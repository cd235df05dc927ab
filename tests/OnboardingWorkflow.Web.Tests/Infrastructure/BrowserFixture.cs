using System.Runtime.CompilerServices;

namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole test assembly (starting the driver and the browser costs
/// seconds), shared through the "browser" collection: every browser test class joins it with
/// <c>[Collection(BrowserCollection.Name)]</c>, so browser tests run one at a time. Each test gets
/// a context of its own (<see cref="RunAsync"/> or <see cref="NewContextAsync"/>): no cookies,
/// storage or pages leak from one test to the next.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string English = "en-US";
    public const string Chinese = "zh-CN";

    /// <summary>Chromium's flags for a container run as root: no sandbox, no GPU, nothing that phones home.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started yet.");

    public async Task InitializeAsync()
    {
        var executable = await ChromiumInstallation.GetExecutableAsync();
        // The driver downloads nothing on its own today; this keeps it so if that ever changes.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // CI shares two cores among the server, the browser and the test host: a page's connection can take
        // seconds to come up there. Waiting longer never makes a passing test slower, only a failing one.
        SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// A new context (a fresh profile: no cookies, no storage) whose relative URLs resolve against
    /// <paramref name="baseAddress"/>, in <paramref name="locale"/> (navigator.language and
    /// Accept-Language), with a 1280x900 viewport. The caller disposes it.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, string locale = English)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            Locale = locale,
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        SlowMachineTimeouts(context);
        return context;
    }

    /// <summary>
    /// Actions and navigations (a sign-in's redirect, a download) wait up to a minute instead of
    /// Playwright's 30 seconds: on two shared cores a page that renders in a second when quiet took
    /// over 30 under load. As with the expect timeout, only a failing test waits longer.
    /// </summary>
    public static void SlowMachineTimeouts(IBrowserContext context)
    {
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
    }

    /// <summary>
    /// Runs <paramref name="test"/> in a page of a new context. When it throws, the page's
    /// screenshot and every console error are kept under .test-output/browser/ (named after the
    /// test class and method) and the failure names them.
    /// </summary>
    public async Task RunAsync(Uri baseAddress, Func<BrowserSession, Task> test, string locale = English,
        [CallerFilePath] string callerFile = "", [CallerMemberName] string callerMember = "")
    {
        var name = $"{Path.GetFileNameWithoutExtension(callerFile)}.{callerMember}";
        await using var session = await BrowserSession.OpenAsync(await NewContextAsync(baseAddress, locale));
        try
        {
            await test(session);
        }
        catch (Exception failure)
        {
            throw await session.KeepFailureAsync(name, failure);
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>The one collection of browser tests: they share <see cref="BrowserFixture"/>'s Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
