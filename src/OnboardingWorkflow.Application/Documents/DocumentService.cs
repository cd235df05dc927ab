using System.Globalization;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Documents;

/// <summary>
/// An upload as the use case sees it: the form's fields, a way to read the file, and the names of
/// every field and file the client sent (once per value), so what the upload does not declare is refused.
/// </summary>
public sealed record UploadDocumentCommand(Guid ApplicationId, string? Type, string? Expiry, string? FileName, string? ContentType, long Length, Func<Stream> OpenFile,
    IReadOnlyList<string>? SentFields = null);

/// <summary>A document to send to a reader: its row and where its file is.</summary>
public sealed record DocumentContent(Document Document, string FullPath);

/// <summary>
/// Documents of an application: the maker uploads, someone other than the maker verifies or
/// rejects each one, case readers download (audited). A signed contract resumes the waiting flow.
/// </summary>
public sealed class DocumentService(WorkflowEngine engine, CaseFile cases, CaseAccess access, TaskActions actions, DocumentRules rules,
    DocumentStorage storage, IOptions<DocumentsOptions> options)
{
    public const int MaxReasonLength = 2000;

    /// <summary>The fields of an upload, each sent once: anything else is refused, never ignored.</summary>
    public static readonly IReadOnlyList<string> UploadFields = ["type", "expiry", "file"];

    public async Task<Document> UploadAsync(UploadDocumentCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var application = await access.ApplicationAsync(user, command.ApplicationId, cancellationToken);
        if (!user.Is(application.Maker))
        {
            throw AppException.Forbidden("Only the application's maker uploads its documents.");
        }

        var input = new InputRules();
        foreach (var sent in (command.SentFields ?? []).GroupBy(f => f, StringComparer.OrdinalIgnoreCase))
        {
            if (!UploadFields.Contains(sent.Key, StringComparer.OrdinalIgnoreCase))
            {
                input.Add(sent.Key, $"is not a field of an upload; send only {string.Join(", ", UploadFields)}");
            }
            else if (sent.Count() > 1)
            {
                input.Add(sent.Key, "must be sent once");
            }
        }

        var type = input.Choice<DocumentType>("type", command.Type) ?? default;

        DateOnly? expiry = null;
        if (command.Expiry is { Length: > 0 } expiryText)
        {
            if (DateOnly.TryParseExact(expiryText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                expiry = parsed;
                input.DateWithin("expiry", expiry, new DateOnly(1900, 1, 1), rules.Today.AddYears(50), "an expiry date");
            }
            else
            {
                input.Add("expiry", "must be a date as yyyy-MM-dd");
            }
        }

        if (command.Length <= 0)
        {
            input.Add("file", "a non-empty file is required");
        }

        var fileName = input.Text("fileName", Path.GetFileName(command.FileName ?? ""), 255) ?? "document";
        input.ThrowIfAny();
        if (command.Length > limits.MaxBytes)
        {
            throw new AppException(AppErrorKind.TooLarge, ErrorCodes.PayloadTooLarge, $"A document may be at most {limits.MaxBytes} bytes.");
        }

        var contentType = (command.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (!limits.EffectiveContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
        {
            throw new AppException(AppErrorKind.UnsupportedMedia, ErrorCodes.UnsupportedMediaType,
                $"The file must be one of {string.Join(", ", limits.EffectiveContentTypes)}.");
        }

        await using var content = command.OpenFile();
        if (!await ContentCheck.MatchesAsync(content, contentType, cancellationToken))
        {
            throw AppException.InvalidField("file", FieldText.Format(FieldText.Keys.NotWholeFile, contentType));
        }

        var waitingForSignature = false;
        if (type == DocumentType.SignedContract)
        {
            var instance = application.InstanceId is { } instanceId ? await engine.GetInstanceAsync(instanceId, cancellationToken) : null;
            waitingForSignature = instance?.Bookmarks.Any(b => b.ElementId == OnboardingProcess.AwaitSignedContract) == true;
            if (!waitingForSignature)
            {
                throw AppException.Conflict(ErrorCodes.InvalidState, "The application does not wait for a signed contract.");
            }
        }
        else if (application.Status is not ApplicationStatus.InProgress)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState, $"The application is {application.Status.ToString().ToLowerInvariant()}; no more documents are taken.");
        }

        var document = new Document
        {
            Id = Guid.NewGuid(),
            ApplicationId = application.Id,
            Type = type,
            FileName = fileName,
            ContentType = contentType,
            ContentHash = "",
            Size = command.Length,
            StoragePath = DocumentStorage.NewStoragePath(application.Id),
            ExpiresOn = expiry,
            UploadedBy = user.Name,
            UploadedAt = cases.Now,
            Verification = VerificationState.Pending,
        };
        try
        {
            document.ContentHash = await storage.WritePartialAsync(document.StoragePath, content, cancellationToken);
            cases.Db.Set<Document>().Add(document);
            cases.Audit(user.Name, "document.uploaded", "Document", document.Id.ToString(), application.CustomerId, $"{type} {document.FileName} sha256 {document.ContentHash}");
            if (waitingForSignature)
            {
                // The correlation's commit saves the document with the flow's next steps.
                await engine.CorrelateMessageAsync(OnboardingProcess.ContractSignedMessage, application.Id.ToString(),
                    new Dictionary<string, object?> { [OnboardingProcess.Variables.SignedDocumentId] = document.Id.ToString() }, user.Name, cancellationToken);
                var instance = await engine.GetInstanceAsync(application.InstanceId!.Value, cancellationToken);
                await cases.Db.Entry(application).ReloadAsync(cancellationToken);
                await actions.SyncStageAsync(application, instance!, cancellationToken);
            }
            else
            {
                await cases.Db.SaveChangesAsync(cancellationToken);
            }
        }
        catch
        {
            storage.Discard(document.StoragePath);
            throw;
        }

        storage.Commit(document.StoragePath);
        return document;
    }

    /// <summary>Verifies or rejects one document. Never by the maker; a document not valid after the decision date cannot be verified.</summary>
    public async Task<Document> ReviewAsync(Guid applicationId, Guid documentId, bool verify, string? reason, CurrentUser user, CancellationToken cancellationToken)
    {
        var application = await access.ApplicationAsync(user, applicationId, cancellationToken);
        var document = await cases.Db.Set<Document>().FindAsync([documentId], cancellationToken);
        if (document is null || document.ApplicationId != applicationId)
        {
            throw AppException.NotFound($"Document {documentId} of application {applicationId}");
        }

        CaseRules.EnsureNotMaker(application, user, "review its documents");
        if (application.Status is not ApplicationStatus.InProgress)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState, $"The application is {application.Status.ToString().ToLowerInvariant()}.");
        }

        var input = new InputRules();
        var note = input.Text("reason", reason, MaxReasonLength, required: !verify);
        input.ThrowIfAny();
        if (verify)
        {
            if (document.TryVerify(user.Name, cases.Now, rules.Today, note) is { } refusal)
            {
                throw AppException.Conflict(ErrorCodes.DocumentExpired, refusal);
            }
        }
        else
        {
            document.Reject(user.Name, cases.Now, note!);
        }

        cases.Archive(application, OnboardingProcess.Tasks.ReviewDocuments, user.Name, verify ? DecisionOutcome.DocumentVerified : DecisionOutcome.DocumentRejected,
            note, new { document.Id, document.Type, document.FileName, document.ContentHash, document.ExpiresOn });
        await cases.Db.SaveChangesAsync(cancellationToken);
        return document;
    }

    /// <summary>The file of a document for a reader who may see the case; the read is audited.</summary>
    public async Task<DocumentContent> OpenAsync(Guid applicationId, Guid documentId, CurrentUser user, CancellationToken cancellationToken)
    {
        var application = await access.ApplicationAsync(user, applicationId, cancellationToken);
        var document = await cases.Db.Set<Document>().FindAsync([documentId], cancellationToken);
        if (document is null || document.ApplicationId != applicationId)
        {
            throw AppException.NotFound($"Document {documentId} of application {applicationId}");
        }

        var fullPath = storage.FullPath(document.StoragePath);
        if (!File.Exists(fullPath))
        {
            throw new InvalidOperationException($"The stored file of document {documentId} is missing.");
        }

        cases.Audit(user.Name, "document.downloaded", "Document", documentId.ToString(), application.CustomerId, $"{document.Type} {document.FileName}");
        await cases.Db.SaveChangesAsync(cancellationToken);
        return new DocumentContent(document, fullPath);
    }
}
