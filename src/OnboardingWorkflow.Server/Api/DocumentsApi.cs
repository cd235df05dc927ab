using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Documents;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>
/// Documents of an application: the maker uploads (multipart: type, file, expiry), a credit
/// analyst who is not the maker verifies or rejects each one, case readers download (audited).
/// The rules live in <see cref="DocumentService"/>; this class reads HTTP and maps.
/// </summary>
public static class DocumentsApi
{
    public sealed record ReviewRequest(string? Reason);

    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/applications/{id:guid}/documents").WithTags("Documents");
        group.MapPost("/", UploadAsync).RequireAuthorization(Policies.Sales).DisableAntiforgery()
            .WithSummary("Uploads a document: form fields type (BusinessLicence, FinancialStatements, BankReference, TaxRecords, LegalRepresentativeId, SignedContract, Other), file, expiry (yyyy-MM-dd, optional). The application's maker only.");
        group.MapGet("/{docId:guid}", DownloadAsync).RequireAuthorization(Policies.CaseReaders).WithMetadata(SameOriginFraming.Instance)
            .WithSummary("Downloads a document; the download is recorded in the audit trail. PDFs and images come inline (the dashboard previews them in a frame), anything else as an attachment.");
        group.MapPost("/{docId:guid}/verify", VerifyAsync).RequireAuthorization(Policies.Analysts)
            .WithSummary("Verifies a document (CreditAnalyst, never the maker); a document that expires on or before today cannot be verified. Body: {\"reason\": \"...\"} (optional).");
        group.MapPost("/{docId:guid}/reject", RejectAsync).RequireAuthorization(Policies.Analysts)
            .WithSummary("Rejects a document with a reason (CreditAnalyst, never the maker); the maker uploads a replacement. Body: {\"reason\": \"...\"}.");
        return api;
    }

    public static async Task<Results<Created<DocumentInfo>, ProblemHttpResult>> UploadAsync(Guid id, HttpRequest request, ClaimsPrincipal principal,
        DocumentService documents, IOptions<DocumentsOptions> options, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "Send the document as multipart/form-data with the fields type, file and expiry.");
        }

        // Room for the form fields around the file.
        if (request.ContentLength > options.Value.MaxBytes + 64 * 1024)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"A document may be at most {options.Value.MaxBytes} bytes.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["body"] = [$"is not a readable multipart/form-data body: {ex.Message}"] });
        }

        var file = form.Files.GetFile("file");
        var document = await documents.UploadAsync(
            new UploadDocumentCommand(id, form["type"].ToString(), form["expiry"].ToString(), file?.FileName, file?.ContentType, file?.Length ?? 0,
                () => file!.OpenReadStream(),
                [.. form.SelectMany(f => Enumerable.Repeat(f.Key, Math.Max(1, f.Value.Count))), .. form.Files.Select(f => f.Name)]),
            ApiUser.Of(principal), cancellationToken);
        return TypedResults.Created($"/api/applications/{id}/documents/{document.Id}", CaseViews.Document(document));
    }

    /// <summary>Types a browser shows itself without running anything of the file: previewed inline.</summary>
    internal static readonly IReadOnlySet<string> InlineTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "application/pdf", "image/png", "image/jpeg" };

    public static async Task<FileStreamHttpResult> DownloadAsync(Guid id, Guid docId, ClaimsPrincipal principal, DocumentService documents, HttpResponse response,
        CancellationToken cancellationToken)
    {
        var content = await documents.OpenAsync(id, docId, ApiUser.Of(principal), cancellationToken);
        var document = content.Document;
        if (!InlineTypes.Contains(document.ContentType))
        {
            return TypedResults.File(File.OpenRead(content.FullPath), document.ContentType, document.FileName);
        }

        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(document.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.File(File.OpenRead(content.FullPath), document.ContentType);
    }

    public static async Task<Ok<DocumentInfo>> VerifyAsync(Guid id, Guid docId, ReviewRequest? request, ClaimsPrincipal principal,
        DocumentService documents, CancellationToken cancellationToken) =>
        TypedResults.Ok(CaseViews.Document(await documents.ReviewAsync(id, docId, verify: true, request?.Reason, ApiUser.Of(principal), cancellationToken)));

    public static async Task<Ok<DocumentInfo>> RejectAsync(Guid id, Guid docId, ReviewRequest? request, ClaimsPrincipal principal,
        DocumentService documents, CancellationToken cancellationToken) =>
        TypedResults.Ok(CaseViews.Document(await documents.ReviewAsync(id, docId, verify: false, request?.Reason, ApiUser.Of(principal), cancellationToken)));
}
