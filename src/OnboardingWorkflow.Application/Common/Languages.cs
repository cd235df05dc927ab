using System.Globalization;

namespace OnboardingWorkflow.Application.Common;

/// <summary>
/// The languages the product speaks, in its dashboard and its e-mails; the first is the default.
/// A culture outside this list is never used, so a text is never looked up in a language the resources lack.
/// </summary>
public static class Languages
{
    public static readonly IReadOnlyList<CultureInfo> Supported = [CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("zh-CN")];

    public static CultureInfo Default => Supported[0];

    /// <summary>The supported culture with this name, or null.</summary>
    public static CultureInfo? Find(string? name) =>
        Supported.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The names as a user should type them, for refusals.</summary>
    public static string Names => string.Join(", ", Supported.Select(c => c.Name));
}
