using System.Globalization;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Application.Tasks;

namespace OnboardingWorkflow.Web.Components.Tasks;

/// <summary>Why a field's value is refused before it is sent; the form turns it into a sentence in the user's language.</summary>
public enum FieldProblemKind
{
    Required,
    BelowMin,
    AboveMax,
    TooShort,
    TooLong,
    NotAnOption,

    /// <summary>Text in a number field that is no number: refused, never sent as "not given".</summary>
    Unreadable,
}

/// <summary>A field's problem with the bound it broke (shown to the user), e.g. AboveMax "1,000,000".</summary>
public sealed record FieldProblem(FieldProblemKind Kind, string? Bound = null);

/// <summary>What a submitted task form sends: the comment and the contract's variables, typed as the engine expects.</summary>
public sealed record TaskFormSubmission(string? Comment, Dictionary<string, object?> Variables);

/// <summary>
/// The state and rules of a generated task form, without any UI: values per contract field, the
/// same constraints the engine checks (so most mistakes show at the field before a round trip),
/// the server's refusals by field, and the conversion to typed variables: a long field sends a
/// long, a decimal field a decimal, a boolean a bool, a date the yyyy-MM-dd text the engine reads.
/// Read-only fields are shown but never sent; empty optional fields are left out.
/// </summary>
public sealed class TaskFormModel
{
    /// <summary>The id of the field that carries the outcome; shown as the decision choice.</summary>
    public const string DecisionField = "decision";

    /// <summary>The key of the comment in errors; the comment is part of every completion, not of the contract.</summary>
    public const string CommentKey = "comment";

    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _serverErrors = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, FieldProblem> _problems = new(StringComparer.Ordinal);
    private bool _validated;

    public TaskFormModel(IReadOnlyList<TaskField> fields)
    {
        Fields = fields;
        foreach (var field in fields)
        {
            _values[field.Id] = Initial(field);
        }
    }

    public IReadOnlyList<TaskField> Fields { get; }

    /// <summary>The decision choice, when the contract has an enum field named decision.</summary>
    public TaskField? Decision => Fields.FirstOrDefault(f => f.Id == DecisionField && f.Kind == TaskFieldKind.Choice);

    /// <summary>Every field but the decision, in the contract's order.</summary>
    public IEnumerable<TaskField> OtherFields => Fields.Where(f => f != Decision);

    public string? Comment { get; set; }

    public object? Get(string id) => _values.GetValueOrDefault(id);

    public string? GetText(string id) => Get(id) as string;

    public decimal? GetNumber(string id) => Get(id) as decimal?;

    public long? GetWhole(string id) => Get(id) as long?;

    public bool GetFlag(string id) => Get(id) as bool? ?? false;

    public DateOnly? GetDate(string id) => Get(id) as DateOnly?;

    /// <summary>Sets a value; a changed field loses its server error and is checked again once the form was submitted.</summary>
    public void Set(string id, object? value)
    {
        var field = Fields.FirstOrDefault(f => f.Id == id) ?? throw new ArgumentException($"The form has no field {id}.", nameof(id));
        if (field.ReadOnly)
        {
            return;
        }

        _values[id] = value is string text && text.Length == 0 ? null : value;
        _unreadable.Remove(id);
        _serverErrors.Remove(id);
        if (_validated)
        {
            Validate();
        }
    }

    /// <summary>
    /// Sets a number field from the text typed into it, read in the user's culture (digits, sign,
    /// group and decimal separators; no exponent). The form reads numbers itself: MudNumericField
    /// replaced a typed value outside Min/Max by the bound, and reported text it could not read
    /// ("1e30", "abc") as no value at all, so an approval went out at the recommended limit.
    /// Text that is no number stays as typed and is refused at the field.
    /// </summary>
    public void SetText(string id, string? text)
    {
        var field = Fields.FirstOrDefault(f => f.Id == id) ?? throw new ArgumentException($"The form has no field {id}.", nameof(id));
        if (field.ReadOnly)
        {
            return;
        }

        _texts[id] = text ?? "";
        var read = ReadNumber(field, text, out var unreadable);
        Set(id, read);
        if (unreadable)
        {
            _unreadable.Add(id);
            if (_validated)
            {
                Validate();
            }
        }
    }

    /// <summary>The text a number field shows: as typed, else its value in the user's culture.</summary>
    public string? TextOf(string id) => _texts.TryGetValue(id, out var text)
        ? text
        : Get(id) switch
        {
            decimal number => number.ToString(CultureInfo.CurrentCulture),
            long whole => whole.ToString(CultureInfo.CurrentCulture),
            _ => null,
        };

    /// <summary>The problem the form found at the field, if any (only after a first submit, so an untouched form is not red).</summary>
    public FieldProblem? ProblemOf(string id) => _problems.GetValueOrDefault(id);

    /// <summary>The server's refusal at the field, if any.</summary>
    public string? ServerErrorOf(string id) => _serverErrors.GetValueOrDefault(id);

    /// <summary>Server errors whose key is no field of the form; the page shows them with its refusal.</summary>
    public IReadOnlyList<string> OtherServerErrors { get; private set; } = [];

    /// <summary>Checks every field; true when the form may be sent.</summary>
    public bool Validate()
    {
        _validated = true;
        _problems = new Dictionary<string, FieldProblem>(StringComparer.Ordinal);
        foreach (var field in Fields.Where(f => !f.ReadOnly))
        {
            if ((Unreadable(field) ?? Check(field, _values.GetValueOrDefault(field.Id))) is { } problem)
            {
                _problems[field.Id] = problem;
            }
        }

        if (Comment is { Length: > TaskActions.MaxCommentLength })
        {
            _problems[CommentKey] = new FieldProblem(FieldProblemKind.TooLong, TaskActions.MaxCommentLength.ToString(CultureInfo.CurrentCulture));
        }

        return _problems.Count == 0;
    }

    /// <summary>
    /// Shows the server's refusal at the fields. The engine prefixes each message with the field id
    /// ("approvedLimit: must be at most 1000"); at the field the id is dropped.
    /// </summary>
    public void ApplyServerErrors(IReadOnlyDictionary<string, string[]>? errors)
    {
        _serverErrors.Clear();
        var others = new List<string>();
        foreach (var (key, messages) in errors ?? new Dictionary<string, string[]>())
        {
            var text = string.Join(" ", messages.Select(m => m.StartsWith(key + ": ", StringComparison.OrdinalIgnoreCase) ? m[(key.Length + 2)..] : m));
            if (Fields.Any(f => string.Equals(f.Id, key, StringComparison.OrdinalIgnoreCase)) || string.Equals(key, CommentKey, StringComparison.OrdinalIgnoreCase))
            {
                _serverErrors[key] = text;
            }
            else
            {
                others.Add($"{key}: {text}");
            }
        }

        OtherServerErrors = others;
    }

    /// <summary>The completion to send: typed variables of the editable, non-empty fields, and the trimmed comment.</summary>
    public TaskFormSubmission ToSubmission()
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in Fields.Where(f => !f.ReadOnly))
        {
            if (Typed(field, _values.GetValueOrDefault(field.Id)) is { } value)
            {
                variables[field.Id] = value;
            }
        }

        return new TaskFormSubmission(string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim(), variables);
    }

    private static object? Typed(TaskField field, object? value) => (field.Kind, value) switch
    {
        (TaskFieldKind.Text or TaskFieldKind.Choice, string text) when !string.IsNullOrWhiteSpace(text) => text.Trim(),
        (TaskFieldKind.WholeNumber, long whole) => whole,
        (TaskFieldKind.Number, decimal number) => number,
        (TaskFieldKind.YesNo, bool flag) => flag,
        (TaskFieldKind.Date, DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => null,
    };

    private FieldProblem? Unreadable(TaskField field) =>
        _unreadable.Contains(field.Id) ? new FieldProblem(FieldProblemKind.Unreadable) : null;

    private static object? ReadNumber(TaskField field, string? text, out bool unreadable)
    {
        unreadable = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var culture = CultureInfo.CurrentCulture;
        object? read = field.Kind switch
        {
            TaskFieldKind.Number when decimal.TryParse(text.Trim(), NumberStyles.Number, culture, out var number) => number,
            TaskFieldKind.WholeNumber when long.TryParse(text.Trim(), NumberStyles.Integer | NumberStyles.AllowThousands, culture, out var whole) => whole,
            TaskFieldKind.Number or TaskFieldKind.WholeNumber => null,
            _ => throw new ArgumentException($"The field {field.Id} is not a number field.", nameof(field)),
        };
        unreadable = read is null;
        return read;
    }

    private static FieldProblem? Check(TaskField field, object? value)
    {
        if (Typed(field, value) is null)
        {
            return field.Required && field.Kind != TaskFieldKind.YesNo ? new FieldProblem(FieldProblemKind.Required) : null;
        }

        return (field.Kind, value) switch
        {
            (TaskFieldKind.Text, string text) => Length(field, text.Trim()),
            (TaskFieldKind.Choice, string choice) => field.Options.Any(o => o.Id == choice) ? null : new FieldProblem(FieldProblemKind.NotAnOption),
            (TaskFieldKind.WholeNumber, long whole) => Bounds(field, whole),
            (TaskFieldKind.Number, decimal number) => Bounds(field, number),
            (TaskFieldKind.Date, DateOnly day) when field.MinDate is { } min && day < min => new FieldProblem(FieldProblemKind.BelowMin, min.ToString("d", CultureInfo.CurrentCulture)),
            (TaskFieldKind.Date, DateOnly day) when field.MaxDate is { } max && day > max => new FieldProblem(FieldProblemKind.AboveMax, max.ToString("d", CultureInfo.CurrentCulture)),
            _ => null,
        };
    }

    private static FieldProblem? Bounds(TaskField field, decimal value) =>
        field.Min is { } min && value < min ? new FieldProblem(FieldProblemKind.BelowMin, min.ToString("#,##0.##", CultureInfo.CurrentCulture))
        : field.Max is { } max && value > max ? new FieldProblem(FieldProblemKind.AboveMax, max.ToString("#,##0.##", CultureInfo.CurrentCulture))
        : null;

    private static FieldProblem? Length(TaskField field, string text) =>
        field.MinLength is { } min && text.Length < min ? new FieldProblem(FieldProblemKind.TooShort, min.ToString(CultureInfo.CurrentCulture))
        : field.MaxLength is { } max && text.Length > max ? new FieldProblem(FieldProblemKind.TooLong, max.ToString(CultureInfo.CurrentCulture))
        : null;

    /// <summary>The starting value: the current value for a read-only field, else the BPMN default parsed by the field's kind.</summary>
    private static object? Initial(TaskField field)
    {
        var text = field.ReadOnly ? field.CurrentValue ?? field.DefaultValue : field.DefaultValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            return field.Kind == TaskFieldKind.YesNo ? false : null;
        }

        var invariant = CultureInfo.InvariantCulture;
        return field.Kind switch
        {
            TaskFieldKind.WholeNumber => long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var whole) ? whole : null,
            TaskFieldKind.Number => decimal.TryParse(text, NumberStyles.Number, invariant, out var number) ? number : null,
            TaskFieldKind.YesNo => bool.TryParse(text, out var flag) && flag,
            TaskFieldKind.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var day) ? day : null,
            _ => text,
        };
    }
}
