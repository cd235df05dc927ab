using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Server.Security;
using OnboardingWorkflow.Server.Workflow.Handlers;

namespace OnboardingWorkflow.Server.Api;

/// <summary>
/// Documents of an application: the maker uploads (multipart: type, file, expiry); case readers
/// download, and every download is audited. Files live under the data directory, named by id,
/// with their SHA-256 kept in the database. A signed contract resumes the waiting flow.
/// </summary>
public static class DocumentsApi
{
    public const string ContractSignedMessage = "contractSigned";

    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/applications/{id:guid}/documents").WithTags("Documents");
        group.MapPost("/", UploadAsync).RequireAuthorization(Policies.Sales).DisableAntiforgery()
            .WithSummary("Uploads a document: form fields type (BusinessLicence, FinancialStatements, BankReference, TaxRecords, LegalRepresentativeId, SignedContract, Other), file, expiry (yyyy-MM-dd, optional). The application's maker only.");
        group.MapGet("/{docId:guid}", DownloadAsync).RequireAuthorization(Policies.CaseReaders)
            .WithSummary("Downloads a document; the download is recorded in the audit trail.");
        return api;
    }

    public static async Task<Results<Created<ApplicationsApi.DocumentInfo>, ProblemHttpResult>> UploadAsync(Guid id, HttpRequest request, ClaimsPrincipal principal,
        OnboardingDbContext db, WorkflowEngine engine, CaseFile cases, TaskActions actions, IOptions<DocumentsOptions> documentOptions,
        IOptions<DatabaseOptions> databaseOptions, CancellationToken cancellationToken)
    {
        var options = documentOptions.Value;
        var user = ApiUser.Of(principal);
        var application = await db.Set<OnboardingApplication>().FindAsync([id], cancellationToken);
        if (application is null || !user.MaySee(application))
        {
            return Problems.NotFound($"Application {id}");
        }

        if (!string.Equals(application.Maker, user.Name, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Forbidden("Only the application's maker uploads its documents.");
        }

        if (!request.HasFormContentType)
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "Send the document as multipart/form-data with the fields type, file and expiry.");
        }

        // Room for the form fields around the file.
        if (request.ContentLength > options.MaxBytes + 64 * 1024)
        {
            return TooLarge(options);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (!Enum.TryParse<DocumentType>(form["type"].ToString(), ignoreCase: true, out var type) || int.TryParse(form["type"].ToString(), out _))
        {
            errors["type"] = [$"must be one of {string.Join(", ", Enum.GetNames<DocumentType>())}"];
        }

        DateOnly? expiry = null;
        if (form["expiry"].ToString() is { Length: > 0 } expiryText)
        {
            if (DateOnly.TryParseExact(expiryText, "yyyy-MM-dd", out var parsed))
            {
                expiry = parsed;
            }
            else
            {
                errors["expiry"] = ["must be a date as yyyy-MM-dd"];
            }
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            errors["file"] = ["a non-empty file is required"];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (file!.Length > options.MaxBytes)
        {
            return TooLarge(options);
        }

        var contentType = file.ContentType.Split(';')[0].Trim().ToLowerInvariant();
        if (!options.EffectiveContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase) || !await ContentMatchesAsync(file, contentType, cancellationToken))
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                $"The file must be one of {string.Join(", ", options.EffectiveContentTypes)}, and its content must match the type it claims.");
        }

        var waitingForSignature = false;
        if (type == DocumentType.SignedContract)
        {
            var instance = application.InstanceId is { } instanceId ? await engine.GetInstanceAsync(instanceId, cancellationToken) : null;
            waitingForSignature = instance?.Bookmarks.Any(b => b.ElementId == "awaitSignedContract") == true;
            if (!waitingForSignature)
            {
                return Problems.Conflict(ErrorCodes.InvalidState, "The application does not wait for a signed contract.");
            }
        }
        else if (application.Status is not ApplicationStatus.InProgress)
        {
            return Problems.Conflict(ErrorCodes.InvalidState, $"The application is {application.Status.ToString().ToLowerInvariant()}; no more documents are taken.");
        }

        var document = new Document
        {
            Id = Guid.NewGuid(),
            ApplicationId = id,
            Type = type,
            FileName = Path.GetFileName(file.FileName) is { Length: > 0 } name ? name[..Math.Min(name.Length, 255)] : "document",
            ContentType = contentType,
            ContentHash = "",
            Size = file.Length,
            StoragePath = Path.Combine("documents", id.ToString("N"), Guid.NewGuid().ToString("N")).Replace('\\', '/'),
            ExpiresOn = expiry,
            UploadedBy = user.Name,
            UploadedAt = cases.Now,
            Verification = VerificationState.Pending,
        };
        var fullPath = Path.Combine(Path.GetFullPath(databaseOptions.Value.DataDirectory), document.StoragePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        await using (var target = File.Create(fullPath))
        await using (var source = file.OpenReadStream())
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            document.ContentHash = Convert.ToHexStringLower(sha.GetHashAndReset());
        }

        try
        {
            db.Set<Document>().Add(document);
            cases.Audit(user.Name, "document.uploaded", "Document", document.Id.ToString(), application.CustomerId, $"{type} {document.FileName} sha256 {document.ContentHash}");
            if (waitingForSignature)
            {
                // The correlation's commit saves the document with the flow's next steps.
                await engine.CorrelateMessageAsync(ContractSignedMessage, id.ToString(),
                    new Dictionary<string, object?> { ["signedDocumentId"] = document.Id.ToString() }, user.Name, cancellationToken);
                var instance = await engine.GetInstanceAsync(application.InstanceId!.Value, cancellationToken);
                await db.Entry(application).ReloadAsync(cancellationToken);
                await actions.SyncStageAsync(application, instance!, cancellationToken);
            }
            else
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch
        {
            File.Delete(fullPath);
            throw;
        }

        return TypedResults.Created($"/api/applications/{id}/documents/{document.Id}", ApplicationsApi.Document(document));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(Guid id, Guid docId, ClaimsPrincipal principal, OnboardingDbContext db,
        CaseFile cases, IOptions<DatabaseOptions> databaseOptions, CancellationToken cancellationToken)
    {
        var user = ApiUser.Of(principal);
        var application = await db.Set<OnboardingApplication>().FindAsync([id], cancellationToken);
        var document = await db.Set<Document>().FindAsync([docId], cancellationToken);
        if (application is null || !user.MaySee(application) || document is null || document.ApplicationId != id)
        {
            return Problems.NotFound($"Document {docId} of application {id}");
        }

        var fullPath = Path.Combine(Path.GetFullPath(databaseOptions.Value.DataDirectory), document.StoragePath);
        if (!File.Exists(fullPath))
        {
            return Problems.Create(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, $"The stored file of document {docId} is missing.");
        }

        cases.Audit(user.Name, "document.downloaded", "Document", docId.ToString(), application.CustomerId, $"{document.Type} {document.FileName}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.File(File.OpenRead(fullPath), document.ContentType, document.FileName);
    }

    private static ProblemHttpResult TooLarge(DocumentsOptions options) =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"A document may be at most {options.MaxBytes} bytes.");

    private static async Task<bool> ContentMatchesAsync(IFormFile file, string contentType, CancellationToken cancellationToken)
    {
        var head = new byte[8];
        await using var stream = file.OpenReadStream();
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        ReadOnlySpan<byte> bytes = head.AsSpan(0, read);
        return contentType switch
        {
            "application/pdf" => bytes.StartsWith("%PDF-"u8),
            "image/png" => bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            "image/jpeg" => bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
            _ => true,
        };
    }
}
