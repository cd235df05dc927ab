using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Dunning;

/// <summary>A letter of the archive with its text, as it was sent.</summary>
public sealed record DunningLetterDocument(Guid Id, Guid CustomerId, string CustomerName, Guid CaseInstanceId, string Kind, int Level, string? Recipient,
    string Language, string Subject, string Body, IReadOnlyList<string> Invoices, decimal OverdueAmount, string Currency, DateTimeOffset SentAt);

/// <summary>Reads one letter of a customer's credit archive, for those who may read the customer; every read is audited.</summary>
public sealed class DunningArchive(CaseFile cases, CaseAccess access)
{
    public async Task<DunningLetterDocument> LetterAsync(CurrentUser user, Guid customerId, Guid letterId, CancellationToken cancellationToken)
    {
        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        var l = await cases.Db.Set<DunningLetter>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == letterId && l.CustomerId == customer.Id, cancellationToken)
            ?? throw AppException.NotFound($"Letter {letterId} of {customer.Name}");
        access.AuditRead(user, "dunning-letter", "DunningLetter", l.Id.ToString(), customer.Id);
        await cases.Db.SaveChangesAsync(cancellationToken);
        return new DunningLetterDocument(l.Id, customer.Id, customer.Name, l.CaseInstanceId, l.Kind.ToString(), l.Level, l.Recipient, l.Language, l.Subject, l.Body,
            l.InvoiceReferences.Length == 0 ? [] : l.InvoiceReferences.Split(','), Money.FromMinor(l.OverdueMinor), l.Currency, l.SentAt);
    }
}
