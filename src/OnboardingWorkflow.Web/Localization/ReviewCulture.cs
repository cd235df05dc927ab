using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.EmailReview;

namespace OnboardingWorkflow.Web.Localization;

/// <summary>
/// The decision link page speaks the language of the person the link was sent to (their account's
/// preference), whatever browser opens it; without a preference, the request's language stands.
/// </summary>
public static class ReviewCulture
{
    public const string Path = "/review";

    public static async Task ApplyAsync(HttpContext http, RequestDelegate next)
    {
        var segments = http.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (segments.Length == 2
            && Cultures.Find(await http.RequestServices.GetRequiredService<LinkReview>().CultureAsync(Uri.UnescapeDataString(segments[1]), http.RequestAborted)) is { } culture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }

        await next(http);
    }
}
