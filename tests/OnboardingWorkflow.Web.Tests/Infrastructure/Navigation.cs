namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>
/// How a test waits for the page to move on. A wait for the next URL ends once the navigation to it
/// is committed, not at the new document's load event: on a machine loaded with a CPU hog, Chromium
/// rendered the whole dashboard after a sign-in and still did not report its load event within the
/// 60 s timeout. Whatever a test needs of the new page, it asserts right after with a web-first
/// assertion, which retries until the content is there.
/// </summary>
public static class Navigation
{
    public static PageWaitForURLOptions Committed => new() { WaitUntil = WaitUntilState.Commit };
}
