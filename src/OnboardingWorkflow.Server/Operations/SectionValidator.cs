using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace OnboardingWorkflow.Server.Operations;

/// <summary>
/// Validates an options object with its DataAnnotations and <see cref="IValidatableObject"/>, and
/// those of the objects it holds (DataAnnotations alone checks one level), naming each setting by
/// its full path: "Workflow:ScriptLimits:RecursionDepth must be between 8 and 10000."
/// </summary>
public sealed class SectionValidator<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        SectionValidation.Collect(options, section, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>The recursive walk of <see cref="SectionValidator{TOptions}"/>.</summary>
public static class SectionValidation
{
    public static void Collect(object instance, string path, List<string> failures)
    {
        var propertiesValid = true;
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead)
            {
                continue;
            }

            var setting = $"{path}:{property.Name}";
            var value = property.GetValue(instance);
            var attributes = property.GetCustomAttributes<ValidationAttribute>().ToArray();
            if (attributes.Length > 0)
            {
                // The display name is the full path, so the stock messages name the setting itself.
                var context = new ValidationContext(instance) { MemberName = property.Name, DisplayName = setting };
                var results = new List<ValidationResult>();
                if (!Validator.TryValidateValue(value!, context, results, attributes))
                {
                    propertiesValid = false;
                    failures.AddRange(results.Select(r => r.ErrorMessage ?? $"{setting} is not valid."));
                    continue;
                }
            }

            switch (value)
            {
                case null or string:
                    break;
                case IEnumerable items when IsNested(ItemType(property.PropertyType)):
                    var index = 0;
                    foreach (var item in items)
                    {
                        if (item is not null)
                        {
                            Collect(item, $"{setting}:{index}", failures);
                        }

                        index++;
                    }

                    break;
                case not IEnumerable when IsNested(property.PropertyType):
                    Collect(value, setting, failures);
                    break;
            }
        }

        if (propertiesValid && instance is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(instance)))
            {
                var message = result.ErrorMessage ?? "is not valid.";
                // The classes' own messages usually name their settings already; others get the path.
                failures.Add(message.StartsWith(path.Split(':')[0] + ":", StringComparison.Ordinal)
                    ? message
                    : $"{path}:{result.MemberNames.FirstOrDefault() ?? ""}: {message}".Replace(":: ", ": ", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>A class of settings of its own (not a value, a string or a framework type).</summary>
    private static bool IsNested(Type? type) =>
        type is { IsClass: true } && type != typeof(string) && type.Namespace?.StartsWith("System", StringComparison.Ordinal) != true;

    private static Type? ItemType(Type type) =>
        type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
}
