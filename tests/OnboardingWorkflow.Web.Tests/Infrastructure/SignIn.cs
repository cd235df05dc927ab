namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>Signing a browser in: through the dashboard's login form, or straight through the API.</summary>
public static class SignIn
{
    /// <summary>
    /// Signs in the way a person does: opens /login, fills the fields labelled "Email" and
    /// "Password", presses "Sign in", and waits until the dashboard at / shows its main landmark.
    /// </summary>
    public static Task SignInAsync(this IPage page, string email, string password = OnboardingServer.Password) =>
        page.SignInAsync(email, Ui.English, password);

    /// <summary>Signs in through the login form as it reads in <paramref name="ui"/>'s language.</summary>
    public static async Task SignInAsync(this IPage page, string email, Ui ui, string password = OnboardingServer.Password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel(ui.Text("Login.Email"), new() { Exact = true }).FillAsync(email);
        await page.GetByLabel(ui.Text("Login.Password"), new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = ui.Text("Login.Submit"), Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", Navigation.Committed);
        await Expect(page.GetByRole(AriaRole.Main)).ToBeVisibleAsync();
    }

    /// <summary>
    /// Signs the whole context in without the form: POST /api/auth/login?useCookies=true through
    /// the context's own request client, so the Identity cookie lands in the context's cookie jar.
    /// For tests whose subject is not the sign-in itself.
    /// </summary>
    public static async Task SignInWithCookieAsync(this IBrowserContext context, string email, string password = OnboardingServer.Password)
    {
        var response = await context.APIRequest.PostAsync("/api/auth/login?useCookies=true", new() { DataObject = new { email, password } });
        if (!response.Ok)
        {
            Assert.Fail($"POST /api/auth/login?useCookies=true as {email}: expected 200, got {response.Status}: {await response.TextAsync()}");
        }
    }
}
