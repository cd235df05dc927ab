using System.Globalization;
using System.Text.Json;

namespace OnboardingWorkflow.Credit.Scoring;

/// <summary>A value a characteristic or knock-out rule looks at: a number, a text answer, or nothing.</summary>
public readonly record struct FactValue(double? Number, string? Text)
{
    public static FactValue Missing => default;

    public bool IsMissing => Number is null && Text is null;

    public static FactValue Of(double number) => double.IsFinite(number) ? new(number, null) : Missing;

    public static FactValue Of(bool flag) => new(flag ? 1 : 0, null);

    public static FactValue Of(string? text) => string.IsNullOrWhiteSpace(text) ? Missing : new(null, text.Trim());

    public static FactValue Of(double? number) => number is { } n ? Of(n) : Missing;

    /// <summary>Reads JSON numbers, booleans and strings; a string holding a number stays text, as typed.</summary>
    public static FactValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => Of(element.GetDouble()),
        JsonValueKind.True => Of(true),
        JsonValueKind.False => Of(false),
        JsonValueKind.String => Of(element.GetString()),
        JsonValueKind.Null or JsonValueKind.Undefined => Missing,
        _ => throw new PolicyFormatException($"a fact must be a number, boolean or string, not {element.ValueKind}"),
    };

    public bool IsTrue => Number is { } n ? n != 0 : Text is { } t && (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.Equals("yes", StringComparison.OrdinalIgnoreCase));

    /// <summary>The value as a number, also when it arrived as numeric text.</summary>
    public double? AsNumber => Number ?? (double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null);

    public override string ToString() => Number?.ToString("G6", CultureInfo.InvariantCulture) ?? Text ?? "(missing)";
}
