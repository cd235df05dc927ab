namespace OnboardingWorkflow.Web.Tests.Pages;

/// <summary>Deciding a task in a real browser: the generated form, a refusal at its field, and the case moving on.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TaskPageFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Fact]
    public Task An_analyst_approves_in_the_browser_after_a_refusal_shown_at_the_field() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var name = "Decided Trading " + Guid.NewGuid().ToString("N")[..6];
        var applicationId = await server.Onboarding.SubmitAsync(Users.Sam, Onboarding.Low, name);
        await server.Onboarding.CollectDocumentsAsync(Users.Sam, applicationId, Onboarding.Low);
        await server.Onboarding.ReviewAndDiligenceAsync(applicationId, Onboarding.Low);
        var taskId = await server.Onboarding.TaskIdAsync(applicationId, "approveAnalyst");
        var page = session.Page;
        await page.SignInAsync(Users.Alan);

        await page.GotoAsync($"/tasks/{Uri.EscapeDataString(taskId)}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText(name).First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Approve", Exact = true }).CheckAsync(new() { Force = true });
        var limit = page.GetByLabel("Approved limit");
        await limit.FillAsync("90000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete the task" }).ClickAsync();

        // The server's refusal lands at the field it names; nothing moved.
        await Expect(page.Locator("[data-field='approvedLimit']")).ToContainTextAsync("must not exceed");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("task-detail");
        Assert.Equal("Approval", (await server.Onboarding.DetailAsync(applicationId)).GetProperty("application").GetProperty("stage").GetString());

        await limit.FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete the task" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", Navigation.Committed);
        Assert.NotEqual("Approval", (await server.Onboarding.DetailAsync(applicationId)).GetProperty("application").GetProperty("stage").GetString());
    });
}
