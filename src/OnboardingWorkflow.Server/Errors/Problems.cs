using Microsoft.AspNetCore.Http.HttpResults;

namespace OnboardingWorkflow.Server.Errors;

/// <summary>Builds ProblemDetails results that always carry a <c>code</c>.</summary>
public static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = code };
        return TypedResults.Problem(detail: detail, statusCode: status, extensions: all);
    }

    public static ProblemHttpResult NotFound(string what) => Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"{what} does not exist.");

    public static ProblemHttpResult Forbidden(string detail, string code = ErrorCodes.Forbidden) => Create(StatusCodes.Status403Forbidden, code, detail);

    public static ProblemHttpResult Conflict(string code, string detail) => Create(StatusCodes.Status409Conflict, code, detail);

    public static ProblemHttpResult Invalid(string detail) => Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, detail);

    /// <summary>A 400 naming each field at fault, as ASP.NET Core's validation problems do.</summary>
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) =>
        Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "One or more fields are invalid.",
            new Dictionary<string, object?> { ["errors"] = errors });
}
