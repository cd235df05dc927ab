namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>What a browser test leaves behind when it fails, and which page errors it notices.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserSessionFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Fact]
    public async Task A_failing_test_keeps_a_screenshot_and_the_console_errors()
    {
        var screenshot = Path.Combine(TestOutput.Failures, $"{nameof(BrowserSessionFacts)}.{nameof(A_failing_test_keeps_a_screenshot_and_the_console_errors)}.png");
        var console = Path.ChangeExtension(screenshot, ".console.txt");
        File.Delete(screenshot);
        File.Delete(console);

        var failure = await Assert.ThrowsAsync<BrowserTestFailedException>(() => browser.RunAsync(server.BaseAddress, async session =>
        {
            await session.Page.GotoAsync("/docs");
            await session.Page.RunAndWaitForConsoleMessageAsync(
                () => session.Page.EvaluateAsync("() => console.error('the widget broke')"), new() { Predicate = m => m.Type == "error" });
            await session.Page.EvaluateAsync("() => setTimeout(() => { throw new Error('the handler threw'); })");
            await WaitUntilAsync(() => session.ConsoleErrors.Any(e => e.Contains("the handler threw", StringComparison.Ordinal)));
            Assert.Fail("deliberately failed");
        }));

        try
        {
            Assert.Contains("deliberately failed", failure.Message, StringComparison.Ordinal);
            Assert.Contains(screenshot, failure.Message, StringComparison.Ordinal);
            Assert.IsType<Xunit.Sdk.FailException>(failure.InnerException);
            var png = await File.ReadAllBytesAsync(screenshot);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            var log = await File.ReadAllTextAsync(console);
            Assert.Contains("the widget broke", log, StringComparison.Ordinal);
            Assert.Contains("uncaught: ", log, StringComparison.Ordinal);
            Assert.Contains("the handler threw", log, StringComparison.Ordinal);
            Assert.Contains($"url: {server.BaseAddress}docs", log, StringComparison.Ordinal);
        }
        finally
        {
            // A deliberate failure: its files must not look like a real one's.
            File.Delete(screenshot);
            File.Delete(console);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the page error did not arrive within 10 s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public Task A_script_the_content_security_policy_refuses_is_a_console_error() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var page = session.Page;
        await page.GotoAsync("/docs");

        await page.RunAndWaitForConsoleMessageAsync(
            () => page.EvaluateAsync("""
                () => {
                    const script = document.createElement('script');
                    script.textContent = 'window.inlineScriptRan = true';
                    document.head.appendChild(script);
                }
                """),
            new() { Predicate = m => m.Type == "error" });

        Assert.False(await page.EvaluateAsync<bool>("() => window.inlineScriptRan === true"));
        var error = Assert.Single(session.ConsoleErrors);
        Assert.Contains("Content Security Policy", error, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", error, StringComparison.Ordinal);
    });
}
