namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>Data prepared over HTTP, then seen in a browser context signed in through the API.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Fact]
    public Task Cookie_sign_in_shows_the_browser_what_the_user_prepared_over_http() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var name = "Browser Trading " + Guid.NewGuid().ToString("N")[..6];
        var applicationId = await server.Onboarding.SubmitAsync(Users.Sally, Onboarding.Low, name);
        var page = session.Page;

        var anonymous = await page.GotoAsync($"/api/applications/{applicationId}");
        Assert.Equal(401, anonymous!.Status);

        await session.Context.SignInWithCookieAsync(Users.Sally);

        var me = await page.GotoAsync("/api/auth/me");
        Assert.Equal(200, me!.Status);
        Assert.Equal(Users.Sally, (await me.JsonAsync())!.Value.GetProperty("userName").GetString());
        var application = await page.GotoAsync($"/api/applications/{applicationId}");
        Assert.Equal(200, application!.Status);
        Assert.Equal(name, (await application.JsonAsync())!.Value.GetProperty("application").GetProperty("customerName").GetString());
    });
}
