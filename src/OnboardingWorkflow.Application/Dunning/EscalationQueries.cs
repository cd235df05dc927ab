using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Dunning;

/// <summary>The customer's escalation case, if any.</summary>
public sealed record EscalationCaseView(Guid InstanceId, string Status, int Level, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string? ClosedReason,
    DateOnly? PromisedUntil, string? PromisedBy);

/// <summary>A letter of the archive: kind, level, recipient, language, the invoices and the overdue amount it was about.</summary>
public sealed record DunningLetterView(Guid Id, Guid CaseInstanceId, string Kind, int Level, string? Recipient, string Language, string Subject,
    IReadOnlyList<string> Invoices, decimal OverdueAmount, string Currency, DateTimeOffset SentAt);

/// <summary>A dunning credit hold, in force or released.</summary>
public sealed record DunningHoldView(Guid Id, Guid? CaseInstanceId, string Reason, DateTimeOffset PlacedAt, bool InForce, DateTimeOffset? ReleasedAt,
    string? ReleasedBy, string? ReleaseReason);

/// <summary>The escalation of one customer: the case, every letter (newest first) and every dunning hold.</summary>
public sealed record EscalationView(Guid CustomerId, EscalationCaseView? Case, IReadOnlyList<DunningLetterView> Letters, IReadOnlyList<DunningHoldView> Holds);

/// <summary>Reads a customer's escalation for those who may read the customer; the read is audited.</summary>
public sealed class EscalationQueries(CaseFile cases, CaseAccess access)
{
    public async Task<EscalationView> CustomerAsync(CurrentUser user, Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        var db = cases.Db;
        var row = await db.Set<DunningCase>().AsNoTracking().FirstOrDefaultAsync(c => c.CustomerId == customer.Id, cancellationToken);
        var letters = await db.Set<DunningLetter>().AsNoTracking().Where(l => l.CustomerId == customer.Id)
            .OrderByDescending(l => l.SentAt).ThenByDescending(l => l.Id).ToListAsync(cancellationToken);
        var holds = await db.Set<CreditHold>().AsNoTracking().Where(h => h.CustomerId == customer.Id && h.Source == CreditHoldSource.Dunning)
            .OrderByDescending(h => h.PlacedAt).ToListAsync(cancellationToken);
        var view = new EscalationView(customer.Id,
            row is null ? null : new EscalationCaseView(row.InstanceId, row.Status.ToString(), row.Level, row.OpenedAt, row.ClosedAt, row.ClosedReason,
                row.PromisedUntil, row.PromisedBy),
            letters.Select(l => new DunningLetterView(l.Id, l.CaseInstanceId, l.Kind.ToString(), l.Level, l.Recipient, l.Language, l.Subject,
                l.InvoiceReferences.Length == 0 ? [] : l.InvoiceReferences.Split(','), Money.FromMinor(l.OverdueMinor), l.Currency, l.SentAt)).ToList(),
            holds.Select(h => new DunningHoldView(h.Id, h.CaseId, h.Reason, h.PlacedAt, h.InForce, h.ReleasedAt, h.ReleasedBy, h.ReleaseReason)).ToList());
        access.AuditRead(user, "escalation", "Customer", customer.Id.ToString(), customer.Id);
        await db.SaveChangesAsync(cancellationToken);
        return view;
    }
}
