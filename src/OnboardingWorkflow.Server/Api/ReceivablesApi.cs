using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>
/// Receivables: the import of invoices, payments, credit notes, allocations and orders (admins and
/// credit managers), a customer's ageing and open items (as the customer's file is read), and the
/// credit check of an order (sales on their own accounts, credit managers, admins).
/// </summary>
public static class ReceivablesApi
{
    public const long MaxImportBytes = 4 * 1024 * 1024;

    /// <summary>A JSON import: <c>{ "rows": [ ... ] }</c>.</summary>
    public sealed record ImportBody(IReadOnlyList<ImportRowBody>? Rows);

    /// <summary>One row; the same fields as the CSV columns. Dates are yyyy-MM-dd text, the amount a number.</summary>
    public sealed record ImportRowBody(string? Kind, string? ExternalId, string? RegistrationNumber, string? Currency, string? IssueDate, string? DueDate,
        decimal? Amount, string? Invoice, string? Status);

    public static RouteGroupBuilder MapReceivablesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/receivables/import", ImportAsync).WithTags("Receivables").RequireAuthorization(Policies.ReceivablesImporters)
            .Accepts<ImportBody>("application/json", "text/csv")
            .WithSummary("Imports invoices, credit notes, payments, allocations and orders: JSON { rows: [...] } or a text/csv file with the same columns "
                + "(kind, externalId, registrationNumber, currency, issueDate, dueDate, amount, invoice, status); answers a report per row: accepted, unchanged "
                + "or refused with a code and what to fix. Admins and credit managers.");
        api.MapGet("/customers/{id:guid}/receivables", ReadAsync).WithTags("Receivables").RequireAuthorization(Policies.CaseReaders)
            .WithSummary("Ageing buckets (current, 1-30, 31-60, 61-90, 90+ days past due as of asOf, default today), open receivables, open orders, "
                + "exposure and a page of open items (the read is audited).");
        api.MapGet("/customers/{id:guid}/credit-check", CheckAsync).WithTags("Receivables").RequireAuthorization(Policies.CreditCheckers)
            .WithSummary("Allow or block an order of the amount, with every reason that blocks it: customer_not_active, no_credit_limit, over_limit, "
                + "credit_hold, overdue_beyond_tolerance, review_overdue (the read is audited).");
        return api;
    }

    public static async Task<Ok<ImportReport>> ImportAsync(HttpRequest request, ClaimsPrincipal principal, ReceivablesImport import,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var mediaType = RequestBodies.MediaType(request);
        if (mediaType is not ("application/json" or "text/csv"))
        {
            throw new AppException(AppErrorKind.UnsupportedMedia, ErrorCodes.UnsupportedMediaType, "Send the rows as application/json ({ \"rows\": [...] }) or as text/csv.");
        }

        var body = await RequestBodies.ReadAsync(request, MaxImportBytes, "An import", cancellationToken);
        var batch = mediaType == "text/csv"
            ? new ReceivablesBatch("csv", ReceivablesCsv.Read(Utf8(body)))
            : new ReceivablesBatch("json", Rows(body, json.Value.SerializerOptions));
        return TypedResults.Ok(await import.ImportAsync(batch, ApiUser.Of(principal), cancellationToken));
    }

    public static async Task<Ok<CustomerReceivables>> ReadAsync(Guid id, DateOnly? asOf, int? page, int? pageSize, ClaimsPrincipal principal,
        ReceivableQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CustomerAsync(ApiUser.Of(principal), id, asOf, page ?? 1, pageSize ?? 25, cancellationToken));

    public static async Task<Ok<CreditCheckResult>> CheckAsync(Guid id, decimal? amount, ClaimsPrincipal principal, CreditCheck check,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await check.CheckAsync(id, amount, ApiUser.Of(principal), cancellationToken));

    private static IReadOnlyList<ReceivableRowInput> Rows(byte[] body, JsonSerializerOptions options)
    {
        ImportBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<ImportBody>(body, options);
        }
        catch (JsonException ex)
        {
            // The exception handler says where the JSON broke, or which property is not taken.
            throw new BadHttpRequestException("The body is not valid JSON.", StatusCodes.Status400BadRequest, ex);
        }

        if (parsed?.Rows is not { } rows || rows.Any(r => r is null))
        {
            throw AppException.InvalidField("rows", "send { \"rows\": [ { \"kind\": \"Invoice\", ... } ] } with no null rows");
        }

        return rows.Select(r => new ReceivableRowInput
        {
            Kind = r.Kind, ExternalId = r.ExternalId, RegistrationNumber = r.RegistrationNumber, Currency = r.Currency, IssueDate = r.IssueDate,
            DueDate = r.DueDate, Amount = r.Amount?.ToString(CultureInfo.InvariantCulture), Invoice = r.Invoice, Status = r.Status,
        }).ToList();
    }

    private static string Utf8(byte[] body)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw AppException.Invalid("The file is not UTF-8 text; save it as CSV UTF-8.");
        }
    }
}
