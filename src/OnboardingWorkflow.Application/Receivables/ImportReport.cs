namespace OnboardingWorkflow.Application.Receivables;

/// <summary>The outcome of one row: accepted (created or updated), unchanged (already on file as sent), or refused.</summary>
public static class ImportOutcomes
{
    public const string Accepted = "accepted";
    public const string Unchanged = "unchanged";
    public const string Refused = "refused";
}

/// <summary>
/// What happened to one row (numbered from 1, the first after a CSV header): the outcome, and for a
/// refusal a stable code, a message that says what to fix and the fields at fault.
/// </summary>
public sealed record ImportRowResult(int Row, string? Kind, string? ExternalId, string Outcome, string? Code, string Message,
    IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static ImportRowResult Accepted(ParsedRow row, string message) => new(row.Row, row.Kind.ToString(), row.ExternalId, ImportOutcomes.Accepted, null, message);

    public static ImportRowResult Unchanged(ParsedRow row) => new(row.Row, row.Kind.ToString(), row.ExternalId, ImportOutcomes.Unchanged, null, "already on file as sent");

    public static ImportRowResult Refused(ParsedRow row, string code, string message, string? field = null) =>
        new(row.Row, row.Kind.ToString(), row.ExternalId, ImportOutcomes.Refused, code, message, field is null ? null : new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The answer to an import: counts and one result per row, in row order.</summary>
public sealed record ImportReport(Guid ImportId, string Format, int Rows, int Accepted, int Unchanged, int Refused, IReadOnlyList<ImportRowResult> Results);
