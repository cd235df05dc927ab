using Deque.AxeCore.Playwright;
using Xunit.Sdk;

namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>The axe-core helper fails on serious and critical violations only, and says where they are.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Fact]
    public Task Serious_violations_fail_naming_the_rule_and_the_element() => browser.RunAsync(server.BaseAddress, async session =>
    {
        await session.Page.SetContentAsync("""
            <html lang="en"><head><title>Cases</title></head>
            <body><main><h1>Cases</h1><img id="logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button id="go"></button></main></body></html>
            """);

        var failure = await Assert.ThrowsAsync<FailException>(() => session.Page.AssertAccessibleAsync());

        Assert.Contains("image-alt (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#logo", failure.Message, StringComparison.Ordinal);
        Assert.Contains("button-name (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#go", failure.Message, StringComparison.Ordinal);
    });

    [Fact]
    public Task Moderate_violations_do_not_fail() => browser.RunAsync(server.BaseAddress, async session =>
    {
        // Content outside any landmark: axe's "region" rule, which is moderate.
        await session.Page.SetContentAsync("""
            <html lang="en"><head><title>Cases</title></head><body><h1>Cases</h1><p>No open cases.</p></body></html>
            """);

        var result = await session.Page.RunAxe();
        Assert.Contains(result.Violations, v => v.Id == "region" && v.Impact == "moderate");
        await session.Page.AssertAccessibleAsync();
    });

    [Fact]
    public Task Axe_runs_under_the_servers_content_security_policy() => browser.RunAsync(server.BaseAddress, async session =>
    {
        await session.Page.GotoAsync("/docs");
        await Expect(session.Page.Locator("[data-path='/api/auth/login']")).ToBeVisibleAsync();

        // Only a part: axe over the whole Swagger UI page takes some 15 s on a busy two-core machine.
        var result = await session.Page.Locator(".information-container").RunAxe();

        Assert.NotEmpty(result.Passes);
        Assert.Empty(session.ConsoleErrors);
    });
}
