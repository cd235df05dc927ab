using Microsoft.AspNetCore.Diagnostics;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Server.Errors;

/// <summary>Turns the exceptions the API can meet into ProblemDetails with a stable code; nothing else is caught.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail, extensions) = Map(exception);
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        else
        {
            logger.LogInformation("{Method} {Path} refused with {Code}: {Detail}", context.Request.Method, context.Request.Path, code, detail);
        }

        context.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Detail = detail };
        problem.Extensions["code"] = code;
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The refusals of the use cases, the engine and the credit domain are mapped once, by
    /// <see cref="Refusals"/>, for the API and the dashboard alike; only what is HTTP's own is mapped here.
    /// </summary>
    internal static (int Status, string Code, string Detail, IReadOnlyDictionary<string, object?> Extensions) Map(Exception exception)
    {
        var none = new Dictionary<string, object?>();
        if (Refusals.Translate(exception) is { } refusal)
        {
            return (Status(refusal.Kind), refusal.Code, refusal.Message,
                refusal.FieldErrors is null ? none : new Dictionary<string, object?> { ["errors"] = refusal.FieldErrors });
        }

        return exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, ErrorCodes.ForStatus(bad.StatusCode), BadRequestDetail(bad), none),
            BpmnValidationException e => (422, ErrorCodes.BpmnInvalid, e.Message, new Dictionary<string, object?>
            {
                ["diagnostics"] = e.Diagnostics.Select(d => new
                {
                    code = d.Code,
                    severity = d.Severity.ToString().ToLowerInvariant(),
                    message = d.Message,
                    line = d.Line,
                    column = d.Column,
                    elementId = d.ElementId,
                    formatted = d.Format("upload.bpmn"),
                }).ToList(),
            }),
            _ => (500, ErrorCodes.InternalError, "An unexpected error occurred; it has been logged.", none),
        };
    }

    internal static int Status(AppErrorKind kind) => kind switch
    {
        AppErrorKind.Invalid => StatusCodes.Status400BadRequest,
        AppErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        AppErrorKind.NotFound => StatusCodes.Status404NotFound,
        AppErrorKind.Conflict => StatusCodes.Status409Conflict,
        AppErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        AppErrorKind.UnsupportedMedia => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status500InternalServerError,
    };

    // Malformed JSON surfaces as a BadHttpRequestException wrapping the JsonException: say where it broke.
    // A property the request does not declare is refused (see ErrorsModule), and said so.
    private static string BadRequestDetail(BadHttpRequestException exception) => exception.InnerException switch
    {
        System.Text.Json.JsonException { Path: { } path } json when json.Message.Contains("could not be mapped", StringComparison.Ordinal) =>
            $"The body has a property this request does not take: {path}; remove it.",
        System.Text.Json.JsonException json =>
            $"The body is not valid JSON{(json.Path is null ? "" : $" at {json.Path}")}{(json.LineNumber is null ? "" : $" (line {json.LineNumber + 1})")}.",
        _ => exception.Message,
    };
}
