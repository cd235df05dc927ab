using Microsoft.Playwright;

namespace OnboardingWorkflow.Web.Tests.Browser;

/// <summary>
/// One headless Chromium (the system one: Playwright never downloads browsers here) and one server
/// for the browser tests of a class; each test opens its own context. A minimal local fixture.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public DashboardHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new DashboardHost();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Signs in as the bootstrap admin through the login form; the session cookie stays in the page's context.</summary>
    public static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#email", DashboardHost.AdminEmail);
        await page.FillAsync("#password", DashboardHost.Password);
        await page.Locator("form[action='/account/login'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.OrdinalIgnoreCase));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}
