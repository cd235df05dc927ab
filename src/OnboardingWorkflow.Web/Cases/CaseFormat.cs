using System.Globalization;
using Microsoft.Extensions.Localization;
using OnboardingWorkflow.Web.Localization;

namespace OnboardingWorkflow.Web.Cases;

/// <summary>Amounts, dates and enum values of cases as the current culture writes them; a missing value is a dash.</summary>
public static class CaseFormat
{
    public const string None = "—";

    public static string Amount(decimal? value) => value?.ToString("N2", CultureInfo.CurrentCulture) ?? None;

    public static string Date(DateOnly? value) => value?.ToString("d", CultureInfo.CurrentCulture) ?? None;

    public static string Time(DateTimeOffset? value) => value?.ToString("g", CultureInfo.CurrentCulture) ?? None;

    public static string Number(double value) => value.ToString("N1", CultureInfo.CurrentCulture);

    /// <summary>How a decision was made when not in the dashboard or the API ("by e-mail link"), or empty.</summary>
    public static string Channel(IStringLocalizer<CaseText> text, string? channel) =>
        string.IsNullOrEmpty(channel) ? "" : text[$"Channel.{channel}"] is { ResourceNotFound: false } named ? named.Value : channel;

    /// <summary>An enum value's name in the user's language (<c>Prefix.Value</c>), or the value itself when no translation exists.</summary>
    public static string Name(IStringLocalizer<CaseText> text, string prefix, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return None;
        }

        var named = text[$"{prefix}.{value}"];
        if (named.ResourceNotFound && char.IsLower(value[0]))
        {
            // The credit library writes its enums in camel case in stored JSON ("zPrime", "cashFlow").
            named = text[$"{prefix}.{char.ToUpperInvariant(value[0])}{value[1..]}"];
        }

        return named.ResourceNotFound ? value : named.Value;
    }

    /// <summary>
    /// A reason of the credit library in the user's language (<c>Reason.{code}</c>), its statement lines
    /// named as the statements grid names them and its figures written in the culture; a reason stored
    /// without a code, or with one the dashboard has no words for, shows its English text.
    /// </summary>
    public static string Reason(IStringLocalizer<CaseText> text, OnboardingWorkflow.Application.Tasks.Explained reason)
    {
        if (reason.Code is null || text[$"Reason.{reason.Code}"] is not { ResourceNotFound: false } template)
        {
            return reason.Text;
        }

        var args = reason.Args.Select(a => a is string line && text[$"Line.{line}"] is { ResourceNotFound: false } named ? named.Value : a).ToArray();
        return string.Format(CultureInfo.CurrentCulture, template.Value, args);
    }

    /// <summary>A task's name in the user's language (<c>TaskName.{elementId}</c>), else the diagram's name, else the element id.</summary>
    public static string TaskName(IStringLocalizer<TaskText> text, string elementId, string? name) =>
        text[$"TaskName.{elementId}"] is { ResourceNotFound: false } named ? named.Value : name ?? elementId;
}
