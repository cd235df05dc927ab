namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>Screenshots kept on purpose, for people to look at after the run.</summary>
public static class Screenshots
{
    /// <summary>Saves a full-page PNG as .test-output/screenshots/NAME.png and returns its path.</summary>
    public static async Task<string> SaveScreenshotAsync(this IPage page, string name)
    {
        var path = Path.Combine(TestOutput.Screenshots, TestOutput.FileName(name, ".png"));
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }
}
