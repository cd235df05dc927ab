namespace OnboardingWorkflow.Engine.Model;

/// <summary>
/// One variable a user task's completion may set (camunda:formField): its type, allowed values and
/// constraints, with the line it stands on so problems can point at it.
/// </summary>
public sealed class FormField
{
    public required string Id { get; init; }
    public string? Label { get; init; }

    /// <summary>The type attribute as written, kept for messages about unknown types.</summary>
    public string? TypeName { get; init; }

    public FormFieldType Type { get; init; }
    public string? DefaultValue { get; init; }
    public IReadOnlyList<FormFieldValue> Values { get; init; } = [];
    public IReadOnlyList<FieldConstraint> Constraints { get; init; } = [];
    public SourcePosition Position { get; init; }

    public bool IsRequired => Has(FieldRules.Required);

    /// <summary>A read-only field is shown to the user but never sent back by a completion.</summary>
    public bool IsReadOnly => Has(FieldRules.ReadOnly);

    /// <summary>The config of the first constraint with that name, or null.</summary>
    public string? ConfigOf(string constraint) =>
        Constraints.FirstOrDefault(c => string.Equals(c.Name, constraint, StringComparison.Ordinal))?.Config;

    private bool Has(string constraint) => Constraints.Any(c => string.Equals(c.Name, constraint, StringComparison.Ordinal));
}
