namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>
/// A browser context of one test and its first page, with every console error and uncaught
/// script error of any of the context's pages (a Content-Security-Policy refusal is one).
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> _consoleErrors;

    private BrowserSession(IBrowserContext context, IPage page, List<string> consoleErrors)
    {
        Context = context;
        Page = page;
        _consoleErrors = consoleErrors;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors (with their source location) and uncaught exceptions so far, oldest first.</summary>
    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_consoleErrors)
            {
                return [.. _consoleErrors];
            }
        }
    }

    /// <summary>Takes ownership of <paramref name="context"/> and opens its first page.</summary>
    public static async Task<BrowserSession> OpenAsync(IBrowserContext context)
    {
        // Listening before the first page exists, so nothing it logs is missed.
        var errors = new List<string>();
        context.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record(errors, $"{message.Text} (at {message.Location})");
            }
        };
        context.WebError += (_, error) => Record(errors, $"uncaught: {error.Error}");
        try
        {
            return new BrowserSession(context, await context.NewPageAsync(), errors);
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Saves a full-page screenshot and the console errors as .test-output/browser/NAME.png and
    /// NAME.console.txt, and returns the failure to throw: <paramref name="failure"/> wrapped in an
    /// exception that says where they are.
    /// </summary>
    public async Task<Exception> KeepFailureAsync(string name, Exception failure)
    {
        var screenshot = Path.Combine(TestOutput.Failures, TestOutput.FileName(name, ".png"));
        var console = Path.Combine(TestOutput.Failures, TestOutput.FileName(name, ".console.txt"));
        var kept = new List<string>();
        string? screenshotProblem = null;
        try
        {
            await Page.ScreenshotAsync(new() { Path = screenshot, FullPage = true, Timeout = 10_000 });
            kept.Add(screenshot);
        }
        catch (Exception e) when (e is PlaywrightException or System.TimeoutException)
        {
            // A crashed, closed or stuck page has nothing to show; the console log still helps,
            // and the test's own failure must not be replaced by the screenshot's.
            screenshotProblem = $"no screenshot: {e.Message.Split('\n')[0]}";
        }

        var errors = ConsoleErrors;
        var lines = new List<string> { $"test: {name}", $"url: {(Page.IsClosed ? "(page closed)" : Page.Url)}" };
        if (screenshotProblem is not null)
        {
            lines.Add(screenshotProblem);
        }

        lines.Add(errors.Count == 0 ? "console errors: none" : $"console errors ({errors.Count}):");
        lines.AddRange(errors.Select(error => "  " + error));
        lines.Add("failure:");
        lines.Add(failure.ToString());
        await File.WriteAllLinesAsync(console, lines);
        kept.Add(console);

        return new BrowserTestFailedException(
            $"{failure.Message}\n(browser test {name} failed at {(Page.IsClosed ? "a closed page" : Page.Url)}; kept {string.Join(" and ", kept)})", failure);
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    // Playwright raises events on its own threads.
    private static void Record(List<string> errors, string error)
    {
        lock (errors)
        {
            errors.Add(error);
        }
    }
}

/// <summary>A browser test's failure, naming the screenshot and console log kept for it.</summary>
public sealed class BrowserTestFailedException(string message, Exception inner) : Exception(message, inner);
