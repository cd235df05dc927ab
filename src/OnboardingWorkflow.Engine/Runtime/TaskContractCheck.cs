using System.Globalization;
using System.Text.Json;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// Checks a completion's variables against its task's contract before anything moves. Every
/// problem is collected, so the caller can show all of them at once; the values that pass come
/// back in their stored form (a long or decimal field as a decimal).
/// </summary>
internal sealed class TaskContractCheck(FlowNode node, WorkflowEngineOptions options, IReadOnlyCollection<string> protectedNames)
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <param name="requireFields">False for a BPMN error's variables: the work was not done, so the required fields need not come.</param>
    public Dictionary<string, object?> Check(string taskId, IDictionary<string, object?>? variables, bool requireFields = true)
    {
        var accepted = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, raw) in variables ?? new Dictionary<string, object?>())
        {
            if (TryNormalize(name, raw, out var value))
            {
                accepted[name] = value;
            }
        }

        var size = JsonSerializer.SerializeToUtf8Bytes(accepted, InstanceJson.Options).Length;
        if (size > options.MaxCompletionBytes)
        {
            Fail(TaskContractViolationException.VariablesKey, $"{TaskContractViolationException.VariablesKey}: the completion is {size} bytes of JSON; at most {options.MaxCompletionBytes} are accepted");
        }

        var contract = node.Contract;
        foreach (var (name, value) in accepted)
        {
            CheckVariable(contract, name, value);
        }

        foreach (var field in requireFields ? contract?.Fields ?? [] : [])
        {
            if (field.IsRequired && !field.IsReadOnly && (!accepted.TryGetValue(field.Id, out var value) || value is null || value is string { Length: 0 }))
            {
                Fail(field.Id, $"{field.Id}: is required");
            }
        }

        if (_errors.Count > 0)
        {
            var errors = _errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value.AsReadOnly(), StringComparer.Ordinal);
            throw new TaskContractViolationException(taskId, node.Id, errors.AsReadOnly());
        }

        return accepted;
    }

    private bool TryNormalize(string name, object? raw, out object? value)
    {
        try
        {
            value = Variables.Normalize(raw);
            return true;
        }
        catch (ArgumentException ex)
        {
            Fail(name, $"{name}: {ex.Message}");
            value = null;
            return false;
        }
    }

    private void CheckVariable(TaskContract? contract, string name, object? value)
    {
        if (protectedNames.Contains(name))
        {
            Fail(name, $"{name}: is set by the process and cannot be changed by a task");
            return;
        }

        if (contract is null)
        {
            if (!options.AllowUndeclaredVariables)
            {
                Fail(name, $"{name}: is not declared by task '{node.Id}', which declares no form fields and accepts no variables");
            }

            return;
        }

        var field = contract.Find(name);
        if (field is null)
        {
            Fail(name, $"{name}: is not declared by task '{node.Id}'");
        }
        else if (field.IsReadOnly)
        {
            Fail(name, $"{name}: is read-only in task '{node.Id}' and must not be sent");
        }
        else if (value is not null)
        {
            CheckValue(field, value);
        }
    }

    private void CheckValue(FormField field, object value)
    {
        var id = field.Id;
        switch (field.Type)
        {
            case FormFieldType.String when value is string text:
                CheckLength(field, text);
                break;
            case FormFieldType.Long when value is decimal whole && whole == decimal.Truncate(whole) && whole >= long.MinValue && whole <= long.MaxValue:
                CheckBounds(field, whole, whole.ToString(CultureInfo.InvariantCulture));
                break;
            case FormFieldType.Decimal when value is decimal number:
                CheckBounds(field, number, number.ToString(CultureInfo.InvariantCulture));
                break;
            case FormFieldType.Boolean when value is bool:
                break;
            case FormFieldType.Date when value is string text && FieldRules.TryParseDate(text, out var date):
                CheckBounds(field, date, text);
                break;
            case FormFieldType.Enum when value is string choice:
                if (!field.Values.Any(v => string.Equals(v.Id, choice, StringComparison.Ordinal)))
                {
                    Fail(id, $"{id}: must be one of {string.Join(", ", field.Values.Select(v => v.Id))}");
                }

                break;
            default:
                Fail(id, $"{id}: must be {Expected(field.Type)}");
                break;
        }
    }

    private static string Expected(FormFieldType type) => type switch
    {
        FormFieldType.String => "a string",
        FormFieldType.Long => "a whole number within the range of a long",
        FormFieldType.Decimal => "a number within the range of a decimal",
        FormFieldType.Boolean => "true or false",
        FormFieldType.Date => $"a real date written as a string {FieldRules.DateFormat}",
        FormFieldType.Enum => "a string naming one of the values",
        _ => "of a type the contract declares",
    };

    private void CheckBounds(FormField field, IComparable value, string shown)
    {
        if (field.ConfigOf(FieldRules.Min) is { } min && FieldRules.TryParseBound(field.Type, min, out var low) && value.CompareTo(low) < 0)
        {
            Fail(field.Id, $"{field.Id}: must be at least {min.Trim()} (was {shown})");
        }

        if (field.ConfigOf(FieldRules.Max) is { } max && FieldRules.TryParseBound(field.Type, max, out var high) && value.CompareTo(high) > 0)
        {
            Fail(field.Id, $"{field.Id}: must be at most {max.Trim()} (was {shown})");
        }
    }

    private void CheckLength(FormField field, string text)
    {
        if (FieldRules.TryParseLength(field.ConfigOf(FieldRules.MinLength), out var min) && text.Length < min)
        {
            Fail(field.Id, $"{field.Id}: must be at least {min} characters long");
        }

        if (FieldRules.TryParseLength(field.ConfigOf(FieldRules.MaxLength), out var max) && text.Length > max)
        {
            Fail(field.Id, $"{field.Id}: must be at most {max} characters long");
        }
    }

    private void Fail(string key, string message)
    {
        if (!_errors.TryGetValue(key, out var list))
        {
            _errors[key] = list = [];
        }

        list.Add(message);
    }
}
