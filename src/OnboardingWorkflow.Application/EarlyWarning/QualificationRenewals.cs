using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>What the qualification check did for one document.</summary>
public sealed record RenewalStep(bool Started, bool ReviewRequested)
{
    public static readonly RenewalStep None = new(false, false);
}

/// <summary>
/// One qualification document close to (or past) its expiry, in a unit of work of its own (a scope):
/// starts its re-collection case (workflows/qualification-renewal.bpmn, a task for the account
/// owner) once per document and expiry date, and when a mandatory document has expired, requests a
/// triggered review once (<see cref="IReviewTrigger"/>). The row, the review request and the
/// instance commit together; the row's unique (document, expiry) makes a second attempt fail
/// instead of starting a second case.
/// </summary>
public sealed class QualificationRenewals(WorkflowEngine engine, CaseFile cases, IReviewTrigger reviews)
{
    public async Task<RenewalStep> RaiseAsync(Guid customerId, Guid documentId, DocumentType type, DateOnly expiresOn, bool mandatory, DateOnly asOf,
        CancellationToken cancellationToken)
    {
        var expired = expiresOn <= asOf;
        var row = await cases.Db.Set<QualificationRenewal>().FirstOrDefaultAsync(r => r.DocumentId == documentId && r.ExpiresOn == expiresOn, cancellationToken);
        if (row is not null)
        {
            if (!(expired && mandatory && row.ReviewRequestedAt is null))
            {
                return RenewalStep.None;
            }

            await RequestReviewAsync(row, cancellationToken);
            await cases.Db.SaveChangesAsync(cancellationToken);
            return new RenewalStep(false, true);
        }

        row = new QualificationRenewal
        {
            Id = Guid.CreateVersion7(), CustomerId = customerId, DocumentId = documentId, DocumentType = type, ExpiresOn = expiresOn, Mandatory = mandatory,
            InstanceId = Guid.CreateVersion7(), RaisedAt = cases.Now,
        };
        cases.Db.Add(row);
        cases.Audit(CaseFile.System, "qualification.expiring", nameof(Document), documentId.ToString(), customerId,
            $"{type} {(expired ? "expired" : "expires")} on {Iso(expiresOn)}{(mandatory ? " (mandatory)" : "")}: re-collection case {row.InstanceId}");
        var review = expired && mandatory;
        if (review)
        {
            await RequestReviewAsync(row, cancellationToken);
        }

        var customer = await cases.CustomerAsync(customerId, cancellationToken);
        await engine.StartAsync(QualificationProcess.Key, new Dictionary<string, object?>
        {
            [QualificationProcess.Start.CustomerId] = customerId.ToString(),
            [QualificationProcess.Start.DocumentId] = documentId.ToString(),
            [QualificationProcess.Start.DocumentType] = type.ToString(),
            [QualificationProcess.Start.ExpiresOn] = Iso(expiresOn),
            [QualificationProcess.Start.Mandatory] = mandatory,
            [QualificationProcess.Start.AccountOwner] = customer.Owner ?? "",
        }, customerId.ToString(), CaseFile.System, row.InstanceId, cancellationToken);
        return new RenewalStep(true, review);
    }

    private async Task RequestReviewAsync(QualificationRenewal row, CancellationToken cancellationToken)
    {
        row.ReviewRequestedAt = cases.Now;
        await reviews.StartTriggeredReviewAsync(row.CustomerId, $"the mandatory {row.DocumentType} expired on {Iso(row.ExpiresOn)}", null, cancellationToken);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
