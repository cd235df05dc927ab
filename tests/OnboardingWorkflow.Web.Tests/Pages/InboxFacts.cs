namespace OnboardingWorkflow.Web.Tests.Pages;

/// <summary>The task inbox in a real browser: filters with live counts, search, claim and release, in both languages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Fact]
    public Task An_analyst_finds_claims_and_releases_a_group_task() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var name = "Inbox Trading " + Guid.NewGuid().ToString("N")[..6];
        var applicationId = await server.Onboarding.SubmitAsync(Users.Sam, Onboarding.Low, name);
        await server.Onboarding.CollectDocumentsAsync(Users.Sam, applicationId, Onboarding.Low);
        var page = session.Page;
        await page.SignInAsync(Users.Alan);

        // The only task of this server the analyst may take (searching is the next test's subject).
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("count-Mine")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("count-Unclaimed")).ToHaveTextAsync("1");

        await row.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();

        await Expect(page.GetByText("You claimed the task.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("count-Mine")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("count-Unclaimed")).ToHaveTextAsync("0");
        await Expect(row).ToContainTextAsync(Users.Alan);
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("inbox");

        await row.GetByRole(AriaRole.Button, new() { Name = "Release" }).ClickAsync();
        await Expect(page.GetByTestId("count-Mine")).ToHaveTextAsync("0");
    });

    [Fact]
    public Task Another_salesperson_does_not_see_the_case_in_any_count() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var name = "Hidden Trading " + Guid.NewGuid().ToString("N")[..6];
        await server.Onboarding.SubmitAsync(Users.Sally, Onboarding.Low, name);
        var page = session.Page;
        await page.SignInAsync(Users.Sam);

        await page.GetByLabel("Search").FillAsync(name);

        await Expect(page.GetByText("No task matches this filter.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("count-Available")).ToHaveTextAsync("0");
    });

    [Fact]
    public Task The_inbox_speaks_chinese_when_the_user_chooses_it() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var page = session.Page;
        await page.SignInAsync(Users.Ana);

        await page.GotoAsync("/account/culture?culture=zh-CN&returnUrl=%2F");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "任务", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("我可处理的")).ToBeVisibleAsync();
        await Expect(page.GetByText("每页行数：")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("inbox.zh-CN");

        // The choice is kept on the account: another browser, whose own language is English, opens in Chinese after sign-in.
        await using var elsewhere = await browser.NewContextAsync(server.BaseAddress, BrowserFixture.English);
        var second = await elsewhere.NewPageAsync();
        await second.SignInAsync(Users.Ana);
        await Expect(second.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(second.GetByRole(AriaRole.Heading, new() { Name = "任务", Level = 1 })).ToBeVisibleAsync();
    });
}
