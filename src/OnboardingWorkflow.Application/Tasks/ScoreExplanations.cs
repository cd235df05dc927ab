using System.Text.Json;

namespace OnboardingWorkflow.Application.Tasks;

/// <summary>
/// Reads the assessment the credit scoring step stores as a score's explanation (the credit
/// library's assessment in its camelCase JSON) into the parts an approver looks at. It reads the
/// JSON by name rather than binding the library's types, so a field added there never hides the
/// explanation; what is missing is left empty.
/// </summary>
public static class ScoreExplanations
{
    /// <summary>The explanation's parts; null when the JSON has no scorecard in it.</summary>
    public static ScoreExplanation? Read(JsonElement explanation)
    {
        if (explanation.ValueKind != JsonValueKind.Object || !explanation.TryGetProperty("score", out var score) || score.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var ratios = Property(explanation, "ratios");
        var limit = Property(explanation, "limit");
        return new ScoreExplanation(
            Number(score, "basePoints") ?? 0,
            Items(score, "characteristics").Select(c => new ScorePoints(Text(c, "key") ?? "", Text(c, "label"), Text(c, "value") ?? "", Text(c, "bin") ?? "",
                Number(c, "points") ?? 0)).ToList(),
            Items(score, "knockOuts").Select(k => Text(k, "reason") ?? Text(k, "id") ?? "").ToList(),
            ratios is { } r && r.TryGetProperty("year", out var year) && year.TryGetInt32(out var y) ? y : null,
            Items(ratios, "ratios").Select(x => new RatioLine(Text(x, "key") ?? "", Text(x, "group") ?? "", Number(x, "value"), Text(x, "notComputableReason"), Reason(x, "why"))).ToList(),
            Property(ratios, "signs") is { ValueKind: JsonValueKind.Array } signs
                ? signs.EnumerateArray().Select(s => Reason(s)).OfType<Explained>().ToList()
                : Items(ratios, "warningSigns").Select(w => new Explained(null, [], w.ValueKind == JsonValueKind.String ? w.GetString()! : w.ToString())).ToList(),
            Items(explanation, "altman").Select(a => new AltmanLine(Text(a, "model") ?? "", Number(a, "score"), Text(a, "zone"), Text(a, "notComputableReason"), Reason(a, "why"))).ToList(),
            Property(explanation, "approval") is { } approval ? Text(approval, "explanation") : null,
            limit is { } l ? Text(l, "security") : null,
            limit is { } m && m.TryGetProperty("acceptable", out var acceptable) && acceptable.TryGetDecimal(out var a) ? a : null);
    }

    /// <summary>A reason as the library states it: <c>{ code, args, text }</c>; null when absent.</summary>
    private static Explained? Reason(JsonElement parent, string name) => Property(parent, name) is { } reason ? Reason(reason) : null;

    private static Explained? Reason(JsonElement reason) =>
        reason.ValueKind == JsonValueKind.Object && Text(reason, "text") is { } text
            ? new Explained(Text(reason, "code"), Items(reason, "args").Select(Argument).ToList(), text)
            : null;

    private static object? Argument(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
        _ => null,
    };

    private static JsonElement? Property(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static IEnumerable<JsonElement> Items(JsonElement? parent, string name) =>
        Property(parent, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    private static string? Text(JsonElement parent, string name) =>
        Property(parent, name) is { } value ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString() : null;

    private static double? Number(JsonElement parent, string name) =>
        Property(parent, name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;
}
