using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Onboarding;

/// <summary>
/// The document rules of a case: the checklist per customer type, verification of each document
/// by someone other than the maker, and validity on the decision date. Document review, approval
/// and the documents API all ask here.
/// </summary>
public sealed class DocumentRules(CaseFile cases)
{
    public DateOnly Today => DateOnly.FromDateTime(cases.Now.UtcDateTime);

    public Task<List<Document>> OfAsync(OnboardingApplication application, CancellationToken cancellationToken) =>
        cases.Db.Set<Document>().Where(d => d.ApplicationId == application.Id).ToListAsync(cancellationToken);

    /// <summary>Checklist types with no document that is pending or verified (a rejected one must be replaced).</summary>
    public static IReadOnlyList<DocumentType> Missing(OnboardingApplication application, IEnumerable<Document> documents) =>
        DocumentChecklist.Missing(application.CustomerType, documents.Where(d => d.Verification != VerificationState.Rejected).Select(d => d.Type));

    public async Task EnsureChecklistUploadedAsync(OnboardingApplication application, CancellationToken cancellationToken)
    {
        var missing = Missing(application, await OfAsync(application, cancellationToken));
        if (missing.Count > 0)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState, $"The checklist is incomplete; still missing: {string.Join(", ", missing)}.");
        }
    }

    /// <summary>Documents may be declared complete only when every document was reviewed and each checklist item has a verified, valid one.</summary>
    public async Task EnsureChecklistVerifiedAsync(OnboardingApplication application, CancellationToken cancellationToken)
    {
        var documents = await OfAsync(application, cancellationToken);
        var pending = documents.Where(d => d.Verification == VerificationState.Pending && d.Type != DocumentType.SignedContract).ToList();
        if (pending.Count > 0)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState,
                $"Verify or reject each document first; still pending: {string.Join(", ", pending.Select(d => $"{d.Type} {d.FileName} ({d.Id})"))}.");
        }

        var verified = documents.Where(d => d.Verification == VerificationState.Verified && d.IsValidOn(Today));
        var unverified = DocumentChecklist.Missing(application.CustomerType, verified.Select(d => d.Type));
        if (unverified.Count > 0)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState,
                $"No verified, valid document yet for: {string.Join(", ", unverified)}; return the documents to the maker instead.");
        }
    }

    /// <summary>At a decision: every verified checklist document must still be valid on the decision date.</summary>
    public async Task EnsureValidAtDecisionAsync(OnboardingApplication application, CancellationToken cancellationToken)
    {
        var documents = await OfAsync(application, cancellationToken);
        var expired = documents.Where(d => d.Verification == VerificationState.Verified && !d.IsValidOn(Today)).ToList();
        if (expired.Count > 0)
        {
            throw AppException.Conflict(ErrorCodes.DocumentExpired,
                $"These documents are no longer valid on {Today:yyyy-MM-dd}: {string.Join(", ", expired.Select(d => $"{d.Type} (expired {d.ExpiresOn:yyyy-MM-dd})"))}; request information instead.");
        }
    }

    public async Task<object> SnapshotAsync(OnboardingApplication application, CancellationToken cancellationToken) =>
        (await OfAsync(application, cancellationToken))
            .Select(d => new { d.Id, d.Type, d.ContentHash, d.ExpiresOn, Verification = d.Verification.ToString(), d.VerifiedBy, d.VerificationNote })
            .ToList();
}
