namespace OnboardingWorkflow.Engine.Model;

/// <summary>The value types a task contract field may declare.</summary>
public enum FormFieldType
{
    /// <summary>The type attribute names none of the others; the validator reports it.</summary>
    Unknown,
    String,
    Long,

    /// <summary>An exact number (money). Camunda's "double" maps here too, so amounts never pass through binary floating point.</summary>
    Decimal,
    Boolean,

    /// <summary>A calendar date written yyyy-MM-dd.</summary>
    Date,
    Enum,
}
