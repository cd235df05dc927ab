namespace OnboardingWorkflow.Web.Tests.Security;

/// <summary>
/// What every probe of the dashboard checks after it sent something it should not: the page says
/// no more than a message (no exception, no stack trace, no framework error page), and the page's
/// connection still works (a dead circuit leaves a page that looks fine but answers nothing).
/// </summary>
internal static class Probe
{
    /// <summary>Words only a fault shows: exception names, stack frames, the framework's error pages.</summary>
    private static readonly string[] FaultSigns =
    [
        "Exception", "   at ", ".cs:line", "StackTrace", "stack trace", "An unhandled error", "An error has occurred", "Unhandled exception",
    ];

    /// <summary>The page's text shows none of <see cref="FaultSigns"/>.</summary>
    public static async Task AssertNoFaultShownAsync(IPage page)
    {
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var sign in FaultSigns)
        {
            Assert.False(text.Contains(sign, StringComparison.Ordinal), $"the page shows '{sign}':\n{text}");
        }
    }

    /// <summary>The page shows none of <paramref name="secrets"/>, in its text or in any input's value.</summary>
    public static async Task AssertNotShownAsync(IPage page, params string[] secrets)
    {
        var text = await page.Locator("body").InnerTextAsync();
        var values = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('input, textarea')].map(e => e.value)");
        var title = await page.TitleAsync();
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"the page shows '{secret}':\n{text}");
            Assert.DoesNotContain(values, v => v.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(secret, title, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// The page's connection is alive: the navigation moves to the applications list inside the same
    /// page (no reload), which only a working circuit can render.
    /// </summary>
    public static async Task AssertConnectionAliveAsync(IPage page, Ui ui)
    {
        // A marker that a reload would wipe out: the list must render in this very document.
        await page.EvaluateAsync("() => window.__probeMarker = 'same page'");
        await page.GetByRole(AriaRole.Link, new() { Name = ui.Text("Nav.Applications"), Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ui.Case("Applications.Title"), Level = 1 })).ToBeVisibleAsync();
        Assert.Equal("same page", await page.EvaluateAsync<string?>("() => window.__probeMarker ?? null"));
    }

    /// <summary>As <see cref="AssertConnectionAliveAsync(IPage, Ui)"/>, for an admin, whose menu opens the approval flows.</summary>
    public static async Task AssertAdminConnectionAliveAsync(IPage page, Ui ui)
    {
        await page.EvaluateAsync("() => window.__probeMarker = 'same page'");
        // The menu's link comes first; a page may link to the flows too.
        await page.GetByRole(AriaRole.Link, new() { Name = ui.Text("Nav.Workflows"), Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ui.Design("Workflows.Title"), Level = 1 })).ToBeVisibleAsync();
        Assert.Equal("same page", await page.EvaluateAsync<string?>("() => window.__probeMarker ?? null"));
    }

    /// <summary>Navigates inside the page's circuit, as a link would, without loading the page again.</summary>
    public static Task NavigateInsideAsync(IPage page, string path) =>
        page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
}
