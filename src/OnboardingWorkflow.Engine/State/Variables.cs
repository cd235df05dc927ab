using System.Globalization;
using System.Text.Json;

namespace OnboardingWorkflow.Engine.State;

/// <summary>
/// Process variables are JSON values held as plain CLR objects: null, bool, number, string,
/// <see cref="List{T}"/> of values and <see cref="Dictionary{TKey,TValue}"/> of string to value.
/// A number is a <see cref="decimal"/> whenever decimal holds it exactly (every integer of a
/// long, every amount of money) and a <see cref="double"/> only when it cannot (huge or tiny
/// magnitudes, more than 28 significant digits). One rule everywhere, so a value reads back from
/// the state JSON as the same CLR value it was saved as, and money never passes through binary
/// floating point. A double handed in (e.g. computed by a script) becomes the decimal of its
/// shortest round-trip text, which is the text JSON stores for it.
/// </summary>
public static class Variables
{
    /// <summary>Converts a value handed in by a caller into the variable representation.</summary>
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        string or bool or decimal => value,
        double d => Number(d),
        int i => (decimal)i,
        long l => (decimal)l,
        float f => Number(f),
        short s => (decimal)s,
        byte b => (decimal)b,
        uint u => (decimal)u,
        ulong ul => (decimal)ul,
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
        JsonValueKind.Number => Number(element),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        _ => throw new JsonException($"Unsupported JSON value kind {element.ValueKind}."),
    };

    /// <summary>A double as a variable number: the exact decimal of its shortest text when there is one.</summary>
    public static object Number(double value)
    {
        if (!double.IsFinite(value))
        {
            return value;
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return TryExactDecimal(text, out var exact) ? exact : value;
    }

    private static object Number(JsonElement element)
    {
        var text = element.GetRawText();
        return TryExactDecimal(text, out var exact) ? exact : element.GetDouble();
    }

    /// <summary>
    /// Parses number text as a decimal only when nothing is lost: decimal parsing rounds silently
    /// past 28 digits and gives 0 for tiny values, so the significant digits are compared.
    /// </summary>
    private static bool TryExactDecimal(string text, out decimal value)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        return SignificantDigits(MantissaOf(text)) == SignificantDigits(value.ToString(CultureInfo.InvariantCulture));
    }

    private static string MantissaOf(string text)
    {
        var exponent = text.IndexOfAny(['e', 'E']);
        return exponent < 0 ? text : text[..exponent];
    }

    private static string SignificantDigits(string text)
    {
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray()).Trim('0');
        return digits;
    }

    /// <summary>A variable number as a decimal, for counters the engine keeps; null when it is not a number decimal can hold.</summary>
    public static decimal? AsDecimal(object? value) => value switch
    {
        decimal m => m,
        double d when double.IsFinite(d) && Math.Abs(d) < 7.9e28 => (decimal)d,
        _ => null,
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
        decimal m => m != 0,
        string s => s.Length > 0,
        _ => true,
    };

    public static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString(CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => JsonSerializer.Serialize(value),
    };
}
