using System.Text.Json;
using System.Text.Json.Serialization;

namespace OnboardingWorkflow.Engine.State;

/// <summary>Saves and loads the whole state of an instance as JSON.</summary>
public static class InstanceJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(ProcessInstance instance) => JsonSerializer.Serialize(instance, Options);

    public static ProcessInstance Deserialize(string json) =>
        JsonSerializer.Deserialize<ProcessInstance>(json, Options) ?? throw new JsonException("The JSON holds no process instance.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new VariableValueConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Reads untyped values as variable values (decimal or double, string, bool, list, map) instead of JsonElement.</summary>
    public sealed class VariableValueConverter : JsonConverter<object>
    {
        public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Variables.FromJson(JsonElement.ParseValue(ref reader));

        public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
        {
            switch (value)
            {
                case double d:
                    writer.WriteNumberValue(d);
                    break;
                case decimal m:
                    writer.WriteNumberValue(m);
                    break;
                case string s:
                    writer.WriteStringValue(s);
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                default:
                    JsonSerializer.Serialize(writer, value, value.GetType(), options);
                    break;
            }
        }
    }
}
