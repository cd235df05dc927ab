using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Dunning;

/// <summary>A dunning letter of the archive with its text, as it was sent.</summary>
public sealed record DunningLetterDocument(Guid Id, Guid CustomerId, string CustomerName, Guid CaseInstanceId, string Kind, int Level, string? Recipient,
    string Language, string Subject, string Body, IReadOnlyList<string> Invoices, decimal OverdueAmount, string Currency, DateTimeOffset SentAt);

/// <summary>
/// A remediation letter of the archive with its text, as it was sent: <see cref="Instalment"/> is the
/// instalment it is about (0 for the case as a whole), <see cref="Amount"/> that instalment's amount or
/// the plan's total.
/// </summary>
public sealed record RemediationLetterDocument(Guid Id, Guid CustomerId, string CustomerName, Guid CaseInstanceId, string Kind, int Instalment, string? Recipient,
    string Language, string Subject, string Body, decimal Amount, string Currency, DateTimeOffset SentAt);

/// <summary>
/// Reads one letter of a customer's credit archive (the overdue escalation's and the remediation's),
/// for those who may read the customer; every read is audited.
/// </summary>
public sealed class LetterArchive(CaseFile cases, CaseAccess access)
{
    public async Task<DunningLetterDocument> LetterAsync(CurrentUser user, Guid customerId, Guid letterId, CancellationToken cancellationToken)
    {
        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        var l = await cases.Db.Set<DunningLetter>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == letterId && l.CustomerId == customer.Id, cancellationToken)
            ?? throw AppException.NotFound($"Letter {letterId} of {customer.Name}");
        await AuditAsync(user, "dunning-letter", nameof(DunningLetter), l.Id, customer.Id, cancellationToken);
        return new DunningLetterDocument(l.Id, customer.Id, customer.Name, l.CaseInstanceId, l.Kind.ToString(), l.Level, l.Recipient, l.Language, l.Subject, l.Body,
            l.InvoiceReferences.Length == 0 ? [] : l.InvoiceReferences.Split(','), Money.FromMinor(l.OverdueMinor), l.Currency, l.SentAt);
    }

    public async Task<RemediationLetterDocument> RemediationLetterAsync(CurrentUser user, Guid customerId, Guid letterId, CancellationToken cancellationToken)
    {
        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        var l = await cases.Db.Set<RemediationLetter>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == letterId && l.CustomerId == customer.Id, cancellationToken)
            ?? throw AppException.NotFound($"Letter {letterId} of {customer.Name}");
        await AuditAsync(user, "remediation-letter", nameof(RemediationLetter), l.Id, customer.Id, cancellationToken);
        return new RemediationLetterDocument(l.Id, customer.Id, customer.Name, l.CaseInstanceId, l.Kind.ToString(), l.InstalmentNumber, l.Recipient, l.Language,
            l.Subject, l.Body, Money.FromMinor(l.AmountMinor), l.Currency, l.SentAt);
    }

    private async Task AuditAsync(CurrentUser user, string what, string entity, Guid id, Guid customerId, CancellationToken cancellationToken)
    {
        access.AuditRead(user, what, entity, id.ToString(), customerId);
        await cases.Db.SaveChangesAsync(cancellationToken);
    }
}
