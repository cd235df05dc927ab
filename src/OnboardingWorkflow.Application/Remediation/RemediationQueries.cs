using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Remediation;

/// <summary>A remediation case as the customer's credit file shows it.</summary>
public sealed record RemediationCaseView(Guid InstanceId, string Stage, bool IsOpen, decimal Debt, decimal WrittenDown, decimal PlanTotal, string Currency,
    string OpenedBy, DateTimeOffset OpenedAt, string? Reason, string? Option, string? ProposedBy, string? LegalReference, string StatusBefore,
    string? Outcome, string? ClosedReason, DateTimeOffset? ClosedAt);

/// <summary>An instalment with what has been paid of it.</summary>
public sealed record InstalmentView(int Number, DateOnly DueDate, decimal Amount, decimal Paid, string State);

/// <summary>A letter of the case, without its text (read it through the letter endpoint of the archive).</summary>
public sealed record RemediationLetterView(Guid Id, string Kind, int Instalment, string? Recipient, string Language, string Subject, decimal Amount, DateTimeOffset SentAt);

/// <summary>A customer's remediation: the status, the current (or last) case, its plan, proposed or running, and its letters.</summary>
public sealed record RemediationView(Guid CustomerId, string CustomerStatus, RemediationCaseView? Case, IReadOnlyList<InstalmentView> ProposedPlan,
    IReadOnlyList<InstalmentView> Instalments, IReadOnlyList<RemediationLetterView> Letters);

/// <summary>Reads a customer's remediation for those who may read the customer; the read is audited.</summary>
public sealed class RemediationQueries(CaseFile cases, CaseAccess access)
{
    public async Task<RemediationView> CustomerAsync(CurrentUser user, Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        var row = await cases.Db.Set<RemediationCase>().AsNoTracking().FirstOrDefaultAsync(c => c.CustomerId == customer.Id, cancellationToken);
        access.AuditRead(user, "remediation", "Customer", customer.Id.ToString(), customer.Id);
        await cases.Db.SaveChangesAsync(cancellationToken);
        if (row is null)
        {
            return new RemediationView(customer.Id, customer.Status.ToString(), null, [], [], []);
        }

        var instance = row.InstanceId;
        var instalments = await cases.Db.Set<RemediationInstalment>().AsNoTracking().Where(i => i.CaseInstanceId == instance).OrderBy(i => i.Number)
            .ToListAsync(cancellationToken);
        var letters = await cases.Db.Set<RemediationLetter>().AsNoTracking().Where(l => l.CaseInstanceId == instance).ToListAsync(cancellationToken);
        var proposed = row.ProposedPlanJson is { } json && instalments.Count == 0
            ? PaymentPlan.Deserialize(json).Select((i, k) => new InstalmentView(k + 1, i.DueDate, Money.FromMinor(i.AmountMinor), 0m, "Proposed")).ToList()
            : [];
        return new RemediationView(customer.Id, customer.Status.ToString(),
            new RemediationCaseView(row.InstanceId, row.Stage.ToString(), row.IsOpen, Money.FromMinor(row.DebtMinor), Money.FromMinor(row.WriteDownMinor),
                Money.FromMinor(row.PlanTotalMinor), row.Currency, row.OpenedBy, row.OpenedAt, row.Reason, row.Option?.ToString(), row.ProposedBy, row.LegalReference,
                row.StatusBefore.ToString(), row.Outcome?.ToString(), row.ClosedReason, row.ClosedAt),
            proposed,
            instalments.Select(i => new InstalmentView(i.Number, i.DueDate, Money.FromMinor(i.AmountMinor), Money.FromMinor(i.PaidMinor), i.State.ToString())).ToList(),
            letters.OrderBy(l => l.SentAt).ThenBy(l => l.InstalmentNumber)
                .Select(l => new RemediationLetterView(l.Id, l.Kind.ToString(), l.InstalmentNumber, l.Recipient, l.Language, l.Subject, Money.FromMinor(l.AmountMinor), l.SentAt))
                .ToList());
    }
}
