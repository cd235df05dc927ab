using OnboardingWorkflow.Engine.Model;

namespace OnboardingWorkflow.Engine.Parsing;

/// <summary>
/// Checks the task contracts (camunda:formData) of user tasks. A contract the engine could not
/// enforce as written is an error: a typo in a constraint would otherwise silently allow anything.
/// </summary>
internal static partial class BpmnValidator
{
    private static void CheckContract(FlowNode node, Reporter report)
    {
        if (node.Kind != ElementKind.UserTask && node.External is null)
        {
            return;
        }

        var contract = node.Contract;
        if (contract is null)
        {
            report.Add(DiagnosticCodes.MissingContract, node.External is null
                ? $"The user task '{node.Id}' declares no camunda:formData: its completion may set no variables."
                : $"The external task '{node.Id}' declares no camunda:formData: its worker's completion may set no variables.", node.Position, node.Id, Severity.Warning);
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in contract.Fields)
        {
            if (!FieldRules.IsVariableName(field.Id))
            {
                report.Add(DiagnosticCodes.InvalidFieldId, $"The form field id '{field.Id}' is not a valid variable name (letters, digits, _ and $, not starting with a digit, not a reserved word).", field.Position, node.Id);
            }
            else if (!seen.Add(field.Id))
            {
                report.Add(DiagnosticCodes.DuplicateField, $"The form field '{field.Id}' is declared twice in this task.", field.Position, node.Id);
            }

            CheckFieldType(node, field, report);
            CheckConstraints(node, field, report);
        }
    }

    private static void CheckFieldType(FlowNode node, FormField field, Reporter report)
    {
        if (field.Type == FormFieldType.Unknown)
        {
            report.Add(DiagnosticCodes.UnknownFieldType,
                $"The form field '{field.Id}' has the unknown type '{field.TypeName}' (use string, long, decimal, double, boolean, date or enum).", field.Position, node.Id);
            return;
        }

        if (field.Type != FormFieldType.Enum)
        {
            return;
        }

        if (field.Values.Count == 0)
        {
            report.Add(DiagnosticCodes.EnumWithoutValues, $"The enum field '{field.Id}' lists no camunda:value.", field.Position, node.Id);
        }

        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in field.Values.Where(v => !values.Add(v.Id)))
        {
            report.Add(DiagnosticCodes.DuplicateEnumValue, $"The enum field '{field.Id}' lists the value '{value.Id}' twice.", value.Position, node.Id);
        }
    }

    private static void CheckConstraints(FlowNode node, FormField field, Reporter report)
    {
        foreach (var constraint in field.Constraints)
        {
            if (!FieldRules.ConstraintNames.Contains(constraint.Name, StringComparer.Ordinal))
            {
                report.Add(DiagnosticCodes.UnknownConstraint,
                    $"The form field '{field.Id}' has the unknown constraint '{constraint.Name}' (use {string.Join(", ", FieldRules.ConstraintNames)}).", constraint.Position, node.Id);
            }
            else if (field.Type != FormFieldType.Unknown && !FieldRules.AppliesTo(constraint.Name, field.Type))
            {
                report.Add(DiagnosticCodes.ConstraintNotApplicable,
                    $"The constraint '{constraint.Name}' does not apply to the {field.Type.ToString().ToLowerInvariant()} field '{field.Id}'.", constraint.Position, node.Id);
            }
            else if (field.Type != FormFieldType.Unknown && FieldRules.TakesConfig(constraint.Name) && !ConfigParses(field.Type, constraint))
            {
                report.Add(DiagnosticCodes.InvalidConstraintConfig,
                    $"The {constraint.Name} of the {field.Type.ToString().ToLowerInvariant()} field '{field.Id}' is '{constraint.Config}', which is not {ExpectedConfig(field.Type, constraint.Name)}.", constraint.Position, node.Id);
            }
        }

        CheckRange(node, field, FieldRules.Min, FieldRules.Max, report);
        CheckRange(node, field, FieldRules.MinLength, FieldRules.MaxLength, report);
    }

    private static bool ConfigParses(FormFieldType type, FieldConstraint constraint) =>
        constraint.Name is FieldRules.MinLength or FieldRules.MaxLength
            ? FieldRules.TryParseLength(constraint.Config, out _)
            : FieldRules.TryParseBound(type, constraint.Config, out _);

    private static string ExpectedConfig(FormFieldType type, string constraint) => constraint switch
    {
        FieldRules.MinLength or FieldRules.MaxLength => "a whole number from 0",
        _ when type == FormFieldType.Long => "a whole number",
        _ when type == FormFieldType.Date => $"a date written {FieldRules.DateFormat}",
        _ => "a number",
    };

    private static void CheckRange(FlowNode node, FormField field, string lower, string upper, Reporter report)
    {
        var low = field.Constraints.FirstOrDefault(c => c.Name == lower);
        var high = field.Constraints.FirstOrDefault(c => c.Name == upper);
        if (low is null || high is null || !FieldRules.AppliesTo(lower, field.Type))
        {
            return;
        }

        var inverted = lower == FieldRules.Min
            ? FieldRules.TryParseBound(field.Type, low.Config, out var min) && FieldRules.TryParseBound(field.Type, high.Config, out var max) && min.CompareTo(max) > 0
            : FieldRules.TryParseLength(low.Config, out var minLength) && FieldRules.TryParseLength(high.Config, out var maxLength) && minLength > maxLength;
        if (inverted)
        {
            report.Add(DiagnosticCodes.InvertedRange,
                $"The form field '{field.Id}' has {lower} {low.Config} greater than {upper} {high.Config}: no value can pass.", low.Position, node.Id);
        }
    }
}
