using System.Text.Json;

namespace OnboardingWorkflow.Web.Cases;

/// <summary>
/// What the documents API answered to an upload sent by <c>wwwroot/js/documents.js</c>: the status,
/// and for a refusal its code, detail and field errors (a ProblemDetails body), so the page shows
/// them at the fields as it shows a use case's refusal.
/// </summary>
public sealed record UploadResult(int Status, string? Body)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public string? Code => Problem()?.TryGetProperty("code", out var code) == true ? code.GetString() : null;

    public string? Detail => Problem()?.TryGetProperty("detail", out var detail) == true ? detail.GetString() : null;

    public IReadOnlyDictionary<string, string[]> FieldErrors =>
        Problem()?.TryGetProperty("errors", out var errors) == true && errors.ValueKind == JsonValueKind.Object
            ? errors.EnumerateObject().ToDictionary(e => e.Name,
                e => e.Value.ValueKind == JsonValueKind.Array ? e.Value.EnumerateArray().Select(v => v.ToString()).ToArray() : [e.Value.ToString()],
                StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);

    private JsonElement? Problem()
    {
        if (Succeeded || string.IsNullOrWhiteSpace(Body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
