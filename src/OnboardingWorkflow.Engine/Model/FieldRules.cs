using System.Globalization;
using System.Text.RegularExpressions;

namespace OnboardingWorkflow.Engine.Model;

/// <summary>
/// The meaning of form field types and constraints, shared by the validator (is the contract
/// sound?) and the engine (does a completion honour it?), so the two never disagree.
/// </summary>
public static partial class FieldRules
{
    public const string Required = "required";
    public const string ReadOnly = "readonly";
    public const string Min = "min";
    public const string Max = "max";
    public const string MinLength = "minlength";
    public const string MaxLength = "maxlength";

    public static IReadOnlyList<string> ConstraintNames { get; } = [Required, ReadOnly, Min, Max, MinLength, MaxLength];

    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Maps a type attribute to a field type; an absent type is a string, as in Camunda.</summary>
    public static FormFieldType TypeOf(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "string" => FormFieldType.String,
        "long" => FormFieldType.Long,
        "double" or "decimal" => FormFieldType.Decimal,
        "boolean" => FormFieldType.Boolean,
        "date" => FormFieldType.Date,
        "enum" => FormFieldType.Enum,
        _ => FormFieldType.Unknown,
    };

    /// <summary>Whether a known constraint means something for a field of that type.</summary>
    public static bool AppliesTo(string constraint, FormFieldType type) => constraint switch
    {
        Required or ReadOnly => true,
        Min or Max => type is FormFieldType.Long or FormFieldType.Decimal or FormFieldType.Date,
        MinLength or MaxLength => type is FormFieldType.String,
        _ => false,
    };

    /// <summary>Whether the constraint needs a config value at all.</summary>
    public static bool TakesConfig(string constraint) => constraint is Min or Max or MinLength or MaxLength;

    /// <summary>
    /// Parses a min/max bound: a decimal (an integer for long fields) or a yyyy-MM-dd date, as a
    /// value comparable with what <see cref="TryReadBound"/> gives for a variable.
    /// </summary>
    public static bool TryParseBound(FormFieldType type, string? config, out IComparable bound)
    {
        bound = 0m;
        var text = config?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        switch (type)
        {
            case FormFieldType.Long when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole):
                bound = (decimal)whole;
                return true;
            case FormFieldType.Decimal when decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number):
                bound = number;
                return true;
            case FormFieldType.Date when TryParseDate(text, out var date):
                bound = date;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Parses a minlength/maxlength config: a whole number from zero.</summary>
    public static bool TryParseLength(string? config, out int length) =>
        int.TryParse(config?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out length);

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>A field id must be usable as a variable in expressions: a plain JavaScript identifier.</summary>
    public static bool IsVariableName(string id) => Identifier().IsMatch(id) && !ReservedWords.Contains(id);

    private static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
    {
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "export",
        "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return",
        "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "let", "static",
        "yield", "await", "enum", "undefined", "NaN", "Infinity",
    };

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex Identifier();
}
