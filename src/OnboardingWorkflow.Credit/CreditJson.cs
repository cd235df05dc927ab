using System.Text.Json;
using System.Text.Json.Serialization;

namespace OnboardingWorkflow.Credit;

/// <summary>The one JSON dialect of every policy document, input and result: camelCase, enums as strings.</summary>
public static class CreditJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    public static T Deserialize<T>(string json, string documentName)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new PolicyFormatException($"{documentName}: the document is empty (null)");
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? "" : $" at {ex.Path}";
            var line = ex.LineNumber is null ? "" : $" (line {ex.LineNumber + 1})";
            throw new PolicyFormatException($"{documentName}: invalid JSON{where}{line}: {ex.Message}", ex);
        }
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Indented);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            RespectRequiredConstructorParameters = true,
        };
        // Grades keep their conventional capitals (AAA, BBB); every other enum is camelCase.
        options.Converters.Add(new JsonStringEnumConverter<Scoring.Grade>(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
