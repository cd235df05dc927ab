using System.Text.Json;
using OnboardingWorkflow.Application.Common;
using OnboardingWorkflow.Application.Workflow;

namespace OnboardingWorkflow.Web.Pages.Workflows;

/// <summary>
/// A refusal of the drafts API (a ProblemDetails the browser fetched, since diagrams travel over HTTP
/// and not over the page's connection), read once for the pages: its code, detail, field errors and
/// BPMN findings, each finding also as the one line the server formatted for people.
/// </summary>
public sealed record ApiProblem(string Code, string? Detail, Dictionary<string, string[]>? Fields,
    IReadOnlyList<DraftDiagnostic> Diagnostics, IReadOnlyList<string> FormattedDiagnostics)
{
    /// <summary>The problem in <paramref name="body"/>, or null when the answer was not a ProblemDetails object.</summary>
    public static ApiProblem? From(JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } p)
        {
            return null;
        }

        var found = p.TryGetProperty("diagnostics", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
        return new ApiProblem(
            Text(p, "code") ?? ErrorCodes.InvalidRequest,
            Text(p, "detail"),
            p.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                ? errors.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToArray())
                : null,
            [.. found.Select(f => new DraftDiagnostic(Text(f, "code") ?? "", Text(f, "severity") ?? "error", Text(f, "message") ?? "",
                Number(f, "line"), Number(f, "column"), Text(f, "elementId")))],
            [.. found.Select(f => Text(f, "formatted") ?? Text(f, "message") ?? "")]);
    }

    /// <summary>The refusal as the pages raise it, with the field errors at their fields.</summary>
    public AppException ToException(string? detail = null) => new(AppErrorKind.Invalid, Code, detail ?? Detail ?? "", Fields);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;
}
