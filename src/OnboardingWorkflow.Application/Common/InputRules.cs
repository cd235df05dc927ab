using System.Globalization;

namespace OnboardingWorkflow.Application.Common;

/// <summary>
/// Checks for what people type: text without control characters or bidirectional overrides
/// (which make "ACME" display as something else), dates in a plausible range. Each check adds
/// the field and what to fix to an error list, so one answer names every field at fault.
/// </summary>
public sealed class InputRules
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Trimmed text, or null when absent; checks length and characters.</summary>
    public string? Text(string field, string? value, int maxLength, bool required = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Add(field, "is required");
            }

            return null;
        }

        if (text.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
        }

        foreach (var c in text)
        {
            if (IsForbidden(c))
            {
                Add(field, $"must not contain control or text-direction characters (found U+{(int)c:X4})");
                break;
            }
        }

        return text;
    }

    /// <summary>
    /// One of the names of <typeparamref name="TEnum"/>, ignoring case; null when absent or unknown.
    /// Only a whole name counts: <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> also reads
    /// numbers and comma-separated lists, which it ORs into a value nobody chose ("TaxRecords,
    /// LegalRepresentativeId" would be 7).
    /// </summary>
    public TEnum? Choice<TEnum>(string field, string? value)
        where TEnum : struct, Enum
    {
        var text = value?.Trim();
        var name = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            Add(field, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())}");
            return null;
        }

        return Enum.Parse<TEnum>(name);
    }

    /// <summary>A date between <paramref name="earliest"/> and <paramref name="latest"/>, inclusive.</summary>
    public void DateWithin(string field, DateOnly? value, DateOnly earliest, DateOnly latest, string what)
    {
        if (value is { } date && (date < earliest || date > latest))
        {
            Add(field, $"{what}: must be between {earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} and {latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }
    }

    public void Range(string field, decimal? value, decimal min, decimal max)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(field, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>A page number and size: from 1, and a page of at most <paramref name="maxPageSize"/>.</summary>
    public void Paging(int page, int pageSize, int maxPageSize)
    {
        if (page is < 1 or > 100_000)
        {
            Add("page", "must be between 1 and 100000");
        }

        if (pageSize < 1 || pageSize > maxPageSize)
        {
            Add("pageSize", $"must be between 1 and {maxPageSize}");
        }
    }

    /// <summary>The errors collected so far, each field with what to fix.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Throws the collected errors as one 400 naming each field.</summary>
    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw AppException.InvalidFields(Errors);
        }
    }

    /// <summary>C0/C1 controls (tab and newline too: names are one line) and the Unicode bidi controls.</summary>
    public static bool IsForbidden(char c) =>
        char.IsControl(c)
        || c is '\u200E' or '\u200F' or '\u061C'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
}
