using System.Text.Json;

namespace OnboardingWorkflow.Web.Cases;

/// <summary>One row of an import report as the upload page shows it (text clipped by <c>wwwroot/js/receivables.js</c>).</summary>
public sealed record ImportSummaryRow(int Row, string? Kind, string? ExternalId, string Outcome, string? Code, string? Message);

/// <summary>
/// The summary of an import report that the browser hands to the page: the counts, at most a few
/// dozen rows (those not accepted first) and the address of the full report kept in the browser.
/// </summary>
public sealed record ImportSummary(Guid ImportId, string? Format, int Rows, int Accepted, int Unchanged, int Refused, IReadOnlyList<ImportSummaryRow> Results,
    string? ReportUrl)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads the summary from a successful <see cref="UploadResult"/>; null when the body is not one.</summary>
    public static ImportSummary? From(UploadResult result)
    {
        if (!result.Succeeded || string.IsNullOrWhiteSpace(result.Body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ImportSummary>(result.Body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether only part of the rows is listed here.</summary>
    public bool Clipped => Results.Count < Rows;
}
