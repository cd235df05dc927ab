using System.Globalization;

namespace OnboardingWorkflow.Web.Localization;

/// <summary>The languages of the dashboard; the first is the default.</summary>
public static class Cultures
{
    public static readonly IReadOnlyList<CultureInfo> Supported = [new("en"), new("zh-CN")];

    public static CultureInfo Default => Supported[0];

    /// <summary>The language's own name, as people look for it in a menu.</summary>
    public static string DisplayName(CultureInfo culture) => culture.Name == "zh-CN" ? "简体中文" : culture.NativeName;

    /// <summary>The supported culture with this name, or null; never a culture the resources do not have.</summary>
    public static CultureInfo? Find(string? name) =>
        Supported.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
