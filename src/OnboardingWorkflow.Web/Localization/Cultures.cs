using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using OnboardingWorkflow.Application.Common;

namespace OnboardingWorkflow.Web.Localization;

/// <summary>The languages of the dashboard (those of <see cref="Languages"/>) and the cookie that remembers the choice in a browser.</summary>
public static class Cultures
{
    /// <summary>How long the language choice is remembered in the browser.</summary>
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    public static IReadOnlyList<CultureInfo> Supported => Languages.Supported;

    public static CultureInfo Default => Languages.Default;

    /// <summary>The language's own name, as people look for it in a menu.</summary>
    public static string DisplayName(CultureInfo culture) => culture.Name == "zh-CN" ? "简体中文" : culture.NativeName;

    /// <summary>The supported culture with this name, or null; never a culture the resources do not have.</summary>
    public static CultureInfo? Find(string? name) => Languages.Find(name);

    /// <summary>The language this browser chose before, from its cookie, or null.</summary>
    public static string? FromCookie(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieRequestCultureProvider.DefaultCookieName, out var value)
            ? CookieRequestCultureProvider.ParseCookieValue(value)?.UICultures.FirstOrDefault().Value
            : null;

    /// <summary>Remembers the language in this browser.</summary>
    public static void Remember(HttpContext http, CultureInfo culture) =>
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.Add(CookieLifetime), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
}
