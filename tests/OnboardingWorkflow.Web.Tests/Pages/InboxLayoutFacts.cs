using System.Net;
using System.Net.Http.Json;

namespace OnboardingWorkflow.Web.Tests.Pages;

/// <summary>
/// The inbox on a laptop screen: at 1280x800 the page does not scroll sideways, in either language.
/// A server of its own, so the tasks it adds do not change the counts other inbox tests expect.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxLayoutFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Theory]
    [InlineData(BrowserFixture.English)]
    [InlineData(BrowserFixture.Chinese)]
    public Task At_1280_by_800_the_page_does_not_scroll_sideways(string locale) => browser.RunAsync(server.BaseAddress, async session =>
    {
        // The widest cells the table has: a long customer name with its registration number, an overdue
        // date with its chip, and an analyst task offered to the group with its claim button.
        var name = "Guangzhou Pearl River Delta Industrial Supply Chain Trading Co " + Guid.NewGuid().ToString("N")[..6];
        var applicationId = await server.Onboarding.SubmitAsync(Users.Sam, Onboarding.Low, name);
        await server.Onboarding.CollectDocumentsAsync(Users.Sam, applicationId, Onboarding.Low);
        await MakeOverdueAsync(name);
        var page = session.Page;
        await page.SetViewportSizeAsync(1280, 800);
        // The language chosen is kept on the account: each language has an analyst of its own.
        await page.SignInAsync(locale == BrowserFixture.Chinese ? Users.Alan : Users.Ana);
        if (locale == BrowserFixture.Chinese)
        {
            await page.GotoAsync("/account/culture?culture=zh-CN&returnUrl=%2F");
        }

        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToHaveCountAsync(1);

        var (scrollWidth, clientWidth) = await WidthsAsync(page, "document.documentElement");
        await page.SaveScreenshotAsync($"inbox-1280x800.{locale}");
        Assert.True(scrollWidth <= clientWidth, $"the page is {scrollWidth} px wide in a {clientWidth} px window");
        // At this width every column fits: the table's own box has nothing to scroll to either.
        var (tableWidth, boxWidth) = await WidthsAsync(page, "document.querySelector('[data-testid=inbox-table] .mud-table-container')");
        Assert.True(tableWidth <= boxWidth, $"the table is {tableWidth} px wide in its {boxWidth} px box");
    });

    private async Task MakeOverdueAsync(string customer)
    {
        using var analyst = await server.As(Users.Ana);
        var tasks = await Http.Json(await analyst.GetAsync("/api/tasks?search=" + Uri.EscapeDataString(customer[^6..])), HttpStatusCode.OK);
        var taskId = tasks[0].GetProperty("id").GetString()!;
        // A credit manager balances the team's work and may move any task's dates, into the past too.
        using var manager = await server.As(Users.Mia);
        var response = await manager.PutAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(taskId)}/dates", new { due = DateTimeOffset.UtcNow.AddDays(-2) });
        await Http.Ensure(response, HttpStatusCode.NoContent);
    }

    private static async Task<(int ScrollWidth, int ClientWidth)> WidthsAsync(IPage page, string element)
    {
        var widths = await page.EvaluateAsync<int[]>($"() => {{ const e = {element}; return [e.scrollWidth, e.clientWidth]; }}");
        return (widths[0], widths[1]);
    }
}
