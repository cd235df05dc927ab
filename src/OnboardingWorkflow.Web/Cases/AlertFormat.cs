using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using OnboardingWorkflow.Web.Localization;

namespace OnboardingWorkflow.Web.Cases;

/// <summary>
/// An early-warning alert's figures in the user's language: the indicator's value and threshold in
/// its unit (a share as a percentage, days, score points, a count of ratios), and each stored
/// evidence figure with its label, amounts and dates written in the culture.
/// </summary>
public static class AlertFormat
{
    private static readonly HashSet<string> Shares = new(StringComparer.Ordinal) { "OverdueRatio", "LimitUtilisation" };
    private static readonly HashSet<string> Changes = new(StringComparer.Ordinal) { "OrderVolumeChange", "OrderVolumeSurge" };
    private static readonly HashSet<string> Days = new(StringComparer.Ordinal)
    {
        "MaxDaysPastDue", "CollectionPeriodDays", "CollectionPeriodTrend", "DaysBeyondTerms", "DaysBeyondTermsTrend", "QualificationDaysLeft",
    };

    /// <summary>Evidence figures that are counts or days, not money.</summary>
    private static readonly HashSet<string> PlainNumbers = new(StringComparer.Ordinal)
    {
        "periodDays", "previousCollectionPeriodDays", "previousDaysBeyondTerms", "score", "statementsYear",
    };

    /// <summary>A value or threshold of <paramref name="indicator"/> in its unit.</summary>
    public static string Value(IStringLocalizer<WatchText> text, string indicator, double value)
    {
        var culture = CultureInfo.CurrentCulture;
        if (Shares.Contains(indicator))
        {
            return value.ToString("P1", culture);
        }

        if (Changes.Contains(indicator))
        {
            return (value > 0 ? "+" : "") + value.ToString("P0", culture);
        }

        if (Days.Contains(indicator))
        {
            return string.Format(culture, text["Unit.Days"], value.ToString("0.#", culture));
        }

        if (indicator == "ScoreChange")
        {
            return string.Format(culture, text["Unit.Points"], (value > 0 ? "+" : "") + value.ToString("0.#", culture));
        }

        if (indicator == "DeterioratingRatios")
        {
            return string.Format(culture, text["Unit.Ratios"], value.ToString("0", culture));
        }

        return value.ToString("0.###", culture);
    }

    /// <summary>The indicator's name in the user's language, else the credit library's name.</summary>
    public static string Indicator(IStringLocalizer<WatchText> text, string indicator) => Named(text, "Indicator", indicator);

    /// <summary><c>Prefix.Value</c> in the user's language, else the value itself.</summary>
    public static string Named(IStringLocalizer<WatchText> text, string prefix, string? value) =>
        string.IsNullOrEmpty(value) ? CaseFormat.None : text[$"{prefix}.{value}"] is { ResourceNotFound: false } named ? named.Value : value;

    /// <summary>The sentence that explains the alert: indicator, value, period, level and threshold.</summary>
    public static string Sentence(IStringLocalizer<WatchText> text, string indicator, string level, double value, double threshold, DateOnly start, DateOnly end)
    {
        var culture = CultureInfo.CurrentCulture;
        var template = start == end ? text["Evidence.SentenceDay"] : text["Evidence.Sentence"];
        return string.Format(culture, template, Indicator(text, indicator), Value(text, indicator, value), CaseFormat.Date(start), CaseFormat.Date(end),
            Named(text, "Level", level), Value(text, indicator, threshold));
    }

    /// <summary>Each figure of the stored evidence with its label; a figure the dashboard has no label for keeps its stored name.</summary>
    public static IReadOnlyList<(string Label, string Value)> Figures(IStringLocalizer<WatchText> text, JsonElement evidence)
    {
        if (evidence.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return evidence.EnumerateObject()
            .Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => (Named(text, "Figure", p.Name), Figure(text, p.Name, p.Value)))
            .ToList();
    }

    private static string Figure(IStringLocalizer<WatchText> text, string name, JsonElement value)
    {
        var culture = CultureInfo.CurrentCulture;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return PlainNumbers.Contains(name) ? value.GetDecimal().ToString("0.##", culture) : CaseFormat.Amount(value.GetDecimal());
            case JsonValueKind.String:
                var s = value.GetString()!;
                return DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? CaseFormat.Date(day)
                    : text[$"Ratio.{s}"] is { ResourceNotFound: false } ratio ? ratio.Value
                    : s;
            case JsonValueKind.Array:
                return string.Join(culture.TwoLetterISOLanguageName == "zh" ? "；" : "; ", value.EnumerateArray().Select(v => Figure(text, name, v)));
            case JsonValueKind.Object:
                // A qualification document: its type and expiry.
                var type = value.TryGetProperty("type", out var t) ? Named(text, "Document", t.GetString()) : null;
                var expires = value.TryGetProperty("expiresOn", out var e) ? Figure(text, "expiresOn", e) : null;
                return type is not null && expires is not null
                    ? string.Format(culture, text["Figure.DocumentExpires"], type, expires)
                    : string.Join(", ", value.EnumerateObject().Select(p => Figure(text, p.Name, p.Value)));
            case JsonValueKind.True:
            case JsonValueKind.False:
                return value.GetBoolean() ? text["Common.Yes"] : text["Common.No"];
            default:
                return CaseFormat.None;
        }
    }
}
