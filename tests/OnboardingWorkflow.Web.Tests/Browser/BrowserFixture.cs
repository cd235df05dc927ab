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

    /// <summary>The shipped onboarding flow as the API serves it to the designer.</summary>
    public const string ShippedXml = "/api/workflows/customerOnboarding/versions/1/xml";

    /// <summary>
    /// Console warnings of the libraries themselves, expected: bpmn-js 18.31's context pad positions
    /// the "change element" menu with diagram-js's deprecated ContextPad#getPad.
    /// </summary>
    private static readonly string[] KnownLibraryWarnings = ["ContextPad#getPad is deprecated"];

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
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.OrdinalIgnoreCase), Navigation.Committed);
    }

    /// <summary>
    /// Opens the designer bundle's test page (Browser/DiagramPage/modeler.html) signed in, with the
    /// shipped flow loaded; answers the page and the console errors and warnings it logs from then on.
    /// </summary>
    public async Task<(IPage Page, List<string> Console)> OpenModelerAsync(string locale = "en")
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new() { Width = 1400, Height = 800 },
        });
        Infrastructure.BrowserFixture.SlowMachineTimeouts(context);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning" && !KnownLibraryWarnings.Any(known => message.Text.Contains(known, StringComparison.Ordinal)))
            {
                console.Add(message.Text);
            }
        };
        page.PageError += (_, error) => console.Add(error);
        await SignInAsync(page);
        console.Clear();

        await page.GotoAsync($"/_test/modeler.html?locale={locale}&xml={Uri.EscapeDataString(ShippedXml)}");
        await page.WaitForFunctionAsync("() => document.body.dataset.outcome !== undefined");
        Assert.Equal("loaded", await page.EvaluateAsync<string>("() => document.body.dataset.outcome"));
        return (page, console);
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
