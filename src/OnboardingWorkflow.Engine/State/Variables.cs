using System.Globalization;
using System.Text.Json;

namespace OnboardingWorkflow.Engine.State;

/// <summary>
/// Process variables are JSON values held as plain CLR objects: null, bool, double, string,
/// <see cref="List{T}"/> of values and <see cref="Dictionary{TKey,TValue}"/> of string to value.
/// </summary>
public static class Variables
{
    /// <summary>Converts a value handed in by a caller into the variable representation.</summary>
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        string or bool or double => value,
        int i => (double)i,
        long l => (double)l,
        decimal m => (double)m,
        float f => (double)f,
        short s => (double)s,
        byte b => (double)b,
        uint u => (double)u,
        ulong ul => (double)ul,
        DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        Guid g => g.ToString(),
        Enum e => e.ToString(),
        JsonElement element => FromJson(element),
        System.Text.Json.Nodes.JsonNode node => FromJson(JsonSerializer.SerializeToElement(node)),
        IDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => Normalize(p.Value), StringComparer.Ordinal),
        System.Collections.IDictionary map => map.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture)!, k => Normalize(map[k]), StringComparer.Ordinal),
        System.Collections.IEnumerable items => items.Cast<object?>().Select(Normalize).ToList(),
        _ => throw new ArgumentException($"A variable cannot hold a value of type {value.GetType().Name}; use JSON values."),
    };

    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        _ => throw new JsonException($"Unsupported JSON value kind {element.ValueKind}."),
    };

    /// <summary>Parses a JSON object of variables, e.g. the --variables argument of the command line.</summary>
    public static Dictionary<string, object?> ParseObject(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("Variables must be a JSON object.");
        }

        return (Dictionary<string, object?>)FromJson(document.RootElement)!;
    }

    /// <summary>A deep copy, so that two units of work never share a mutable list or map.</summary>
    public static object? Clone(object? value) => value switch
    {
        List<object?> list => list.ConvertAll(Clone),
        Dictionary<string, object?> map => CloneMap(map),
        _ => value,
    };

    public static Dictionary<string, object?> CloneMap(Dictionary<string, object?> map)
    {
        var copy = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            copy[key] = Clone(value);
        }

        return copy;
    }

    /// <summary>Structural equality of two variable values.</summary>
    public static bool AreEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => AreEqual(p.First, p.Second)),
        (Dictionary<string, object?> x, Dictionary<string, object?> y) =>
            x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var other) && AreEqual(p.Value, other)),
        _ => Equals(a, b),
    };

    /// <summary>Truthiness in the JavaScript sense, used for conditions.</summary>
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };

    public static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => JsonSerializer.Serialize(value),
    };
}
