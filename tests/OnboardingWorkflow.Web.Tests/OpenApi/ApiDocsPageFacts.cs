namespace OnboardingWorkflow.Web.Tests.OpenApi;

/// <summary>The Swagger UI page at /docs in a real browser, under the server's Content-Security-Policy.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiDocsPageFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Fact]
    public Task Docs_page_shows_the_api_operations_without_console_errors() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var page = session.Page;
        var response = await page.GotoAsync("/docs");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Contains("script-src 'self'", await response.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "OnboardingWorkflow API" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-path='/api/auth/login']")).ToBeVisibleAsync();
        Assert.Empty(session.ConsoleErrors);
    });
}
