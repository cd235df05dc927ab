namespace OnboardingWorkflow.Server.Errors;

/// <summary>The machine-readable <c>code</c> of every problem the API returns; stable, clients match on them.</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string Unauthorized = "unauthorized";
    public const string InvalidCredentials = "invalid_credentials";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Conflict = "conflict";
    public const string TaskAlreadyCompleted = "task_already_completed";
    public const string TaskClaimed = "task_claimed";
    public const string ConcurrencyConflict = "concurrency_conflict";
    public const string MakerCheckerViolation = "maker_checker_violation";
    public const string InsufficientAuthority = "insufficient_authority";
    public const string BpmnInvalid = "bpmn_invalid";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string InvalidState = "invalid_state";
    public const string Duplicate = "duplicate";
    public const string InternalError = "internal_error";

    /// <summary>The code a bare status code stands for, when nothing more specific was said.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => InvalidRequest,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status422UnprocessableEntity => InvalidRequest,
        >= 500 => InternalError,
        _ => $"http_{status}",
    };
}
