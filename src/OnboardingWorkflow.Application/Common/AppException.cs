namespace OnboardingWorkflow.Application.Common;

/// <summary>What kind of refusal a use case answers; the API maps each kind to one HTTP status.</summary>
public enum AppErrorKind
{
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
    TooLarge,
    UnsupportedMedia,
}

/// <summary>
/// A use case refused the request: a kind, a stable <see cref="Code"/> and a message that says what
/// to fix, plus the fields at fault where there are any. Every client (API, dashboard, e-mail
/// action, job) shows the same refusal; the server turns it into a ProblemDetails in one place.
/// </summary>
public sealed class AppException(AppErrorKind kind, string code, string message, IReadOnlyDictionary<string, string[]>? fieldErrors = null)
    : Exception(message)
{
    public AppErrorKind Kind { get; } = kind;

    public string Code { get; } = code;

    public IReadOnlyDictionary<string, string[]>? FieldErrors { get; } = fieldErrors;

    public static AppException Invalid(string message) => new(AppErrorKind.Invalid, ErrorCodes.InvalidRequest, message);

    /// <summary>
    /// A 400-kind refusal naming each field at fault. The summary names a field once: a message
    /// that already begins with its field's name (the engine's do) is not prefixed again.
    /// </summary>
    public static AppException InvalidFields(IReadOnlyDictionary<string, string[]> errors, string code = ErrorCodes.InvalidRequest) =>
        new(AppErrorKind.Invalid, code, "One or more fields are invalid: " + string.Join("; ", errors.SelectMany(e => e.Value.Select(m => Named(e.Key, m)))), errors);

    private static string Named(string field, string message) =>
        message.StartsWith(field + ": ", StringComparison.Ordinal) ? message : $"{field}: {message}";

    public static AppException InvalidField(string field, string message) => InvalidFields(new Dictionary<string, string[]> { [field] = [message] });

    public static AppException Forbidden(string message, string code = ErrorCodes.Forbidden) => new(AppErrorKind.Forbidden, code, message);

    /// <summary>Not found, also for what exists but the user may not see: the answer does not reveal which.</summary>
    public static AppException NotFound(string what) => new(AppErrorKind.NotFound, ErrorCodes.NotFound, $"{what} does not exist.");

    public static AppException Conflict(string code, string message) => new(AppErrorKind.Conflict, code, message);
}
