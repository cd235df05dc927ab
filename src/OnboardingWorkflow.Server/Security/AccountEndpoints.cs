using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Web.Localization;
using OnboardingWorkflow.Web.Security;

namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// The dashboard's sign-in and sign-out: plain form posts with an antiforgery token, answered by
/// redirects, so they work without JavaScript. Sign-in runs the same <see cref="PasswordLogin"/> as
/// the API (throttling, lockout, equal answers for every failure).
/// </summary>
public static class AccountEndpoints
{
    public const string LoginPage = "/login";

    public const string DeniedPage = "/denied";

    /// <summary>Where a signed-in person lands who typed an address of no page: "not found", not "not allowed".</summary>
    public const string NotFoundPage = "/not-found";

    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/login", (Delegate)LoginAsync).AllowAnonymous();
        account.MapPost("/logout", (Delegate)LogoutAsync).AllowAnonymous();
        return app;
    }

    /// <summary>Whether a refused request came from a browser opening a page (redirect to sign in) rather than an API client (401).</summary>
    public static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/api")
        && !request.Path.StartsWithSegments("/_blazor")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static async Task<IResult> LoginAsync([FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        HttpContext http, PasswordLogin login, UserPreferences preferences)
    {
        var back = LocalUrl.OrRoot(returnUrl);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || email.Length > 256 || password.Length > 256)
        {
            return Results.LocalRedirect(LoginAddress("invalid", back, email));
        }

        var result = await login.SignInAsync(email.Trim(), password, useCookies: true, http.Connection.RemoteIpAddress);
        if (result.RetryAfter is { } retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            return Results.LocalRedirect(LoginAddress("throttled", back, email) + $"&retryAfter={seconds}");
        }

        if (!result.Succeeded)
        {
            return Results.LocalRedirect(LoginAddress("credentials", back, email));
        }

        if (await preferences.AtSignInAsync(email.Trim(), Cultures.FromCookie(http.Request), http.RequestAborted) is { } culture)
        {
            Cultures.Remember(http, culture);
        }

        return Results.LocalRedirect(back);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.LocalRedirect(LoginPage);
    }

    private static string LoginAddress(string error, string returnUrl, string? email) =>
        $"{LoginPage}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}"
        + (string.IsNullOrWhiteSpace(email) || email.Length > 256 ? "" : $"&email={Uri.EscapeDataString(email.Trim())}");
}
