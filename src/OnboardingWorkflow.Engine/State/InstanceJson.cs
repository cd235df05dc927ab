using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OnboardingWorkflow.Engine.State;

/// <summary>Saves and loads the whole state of an instance as JSON.</summary>
public static class InstanceJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The same, but the variables and the names of the protected ones are left out (<see cref="SerializeState"/>).</summary>
    private static readonly JsonSerializerOptions StateOptions = CreateStateOptions();

    public static string Serialize(ProcessInstance instance) => JsonSerializer.Serialize(instance, Options);

    /// <summary>
    /// The instance without its scopes' variables and the list of protected names, for a store that
    /// keeps each variable apart and writes only those a step changed: the state's size does not
    /// grow with the variables. <see cref="Deserialize"/> reads it back with empty scopes.
    /// </summary>
    public static string SerializeState(ProcessInstance instance) => JsonSerializer.Serialize(instance, StateOptions);

    /// <summary>One variable value as JSON.</summary>
    public static string SerializeValue(object? value) => JsonSerializer.Serialize(value, Options);

    /// <summary>One variable value from its JSON, as <see cref="Variables"/> holds values.</summary>
    public static object? DeserializeValue(string json) => JsonSerializer.Deserialize<object>(json, Options);

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

    private static JsonSerializerOptions CreateStateOptions()
    {
        var options = new JsonSerializerOptions(Options)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutVariables } },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void LeaveOutVariables(JsonTypeInfo type)
    {
        var left = type.Type == typeof(Scope) ? nameof(Scope.Variables) : type.Type == typeof(ProcessInstance) ? nameof(ProcessInstance.ProtectedVariables) : null;
        foreach (var property in type.Properties)
        {
            if (left is not null && property.AttributeProvider is System.Reflection.PropertyInfo { Name: var name } && name == left)
            {
                property.ShouldSerialize = static (_, _) => false;
            }
        }
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
