using System.Globalization;

namespace OnboardingWorkflow.Web.Pages.Workflows;

/// <summary>
/// A version number in an address's query (?from=, ?to=, ?against=). Pages take these as text: a
/// typed query parameter that does not parse would end the page's connection instead of saying so.
/// </summary>
public static class VersionQuery
{
    /// <summary>The version the text names (a whole number from 1), or null when it names none.</summary>
    public static int? Parse(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0 ? version : null;

    /// <summary>True when the query holds something that is not a version number.</summary>
    public static bool IsInvalid(string? text) => !string.IsNullOrEmpty(text) && Parse(text) is null;
}
