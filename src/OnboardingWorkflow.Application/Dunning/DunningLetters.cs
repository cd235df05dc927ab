using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;

namespace OnboardingWorkflow.Application.Dunning;

/// <summary>
/// Writes a letter of a case: rendered in the customer's language (else <see cref="DunningOptions.DefaultLanguage"/>)
/// from the invoices overdue today, kept in the customer's archive (<see cref="DunningLetter"/>) and
/// queued in the outbox, all in the caller's unit of work, so an SMTP outage delays the letter and
/// loses nothing. A case writes each kind of letter once: a second call is a no-op.
/// </summary>
public sealed class DunningLetters(CaseFile cases, IEmailOutbox outbox, IOptions<DunningOptions> options, IOptions<ReceivablesOptions> ledger)
{
    public const string Category = "dunning";

    public async Task<DunningLetter?> SendAsync(Guid customerId, Guid caseInstanceId, DunningLetterKind kind, int level, CancellationToken cancellationToken)
    {
        var letters = cases.Db.Set<DunningLetter>();
        if (letters.Local.Any(l => l.CaseInstanceId == caseInstanceId && l.Kind == kind)
            || await letters.AnyAsync(l => l.CaseInstanceId == caseInstanceId && l.Kind == kind, cancellationToken))
        {
            return null;
        }

        var customer = await cases.CustomerAsync(customerId, cancellationToken);
        var culture = Common.Languages.Find(customer.Language) ?? Common.Languages.Find(options.Value.DefaultLanguage) ?? Common.Languages.Default;
        var today = DateOnly.FromDateTime(cases.Now.UtcDateTime);
        var overdue = await cases.Db.Set<ReceivableItem>().AsNoTracking()
            .Where(i => i.Kind == ReceivableKind.Invoice && i.IsOpen && i.CustomerId == customerId && i.DueDate < today)
            .OrderBy(i => i.DueDate).ThenBy(i => i.ExternalId)
            .Select(i => new { i.ExternalId, i.DueDate, i.OpenMinor })
            .ToListAsync(cancellationToken);
        var total = overdue.Sum(i => i.OpenMinor);
        var model = new LetterModel(customer.Name, level, ledger.Value.Currency, Amount(total, culture),
            overdue.Select(i => new LetterInvoice(i.ExternalId, i.DueDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                today.DayNumber - i.DueDate.Value.DayNumber, Amount(i.OpenMinor, culture))).ToList());
        var (subject, body) = LetterTemplates.Render(kind, culture, model);
        var letter = new DunningLetter
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            CaseInstanceId = caseInstanceId,
            Kind = kind,
            Level = level,
            Recipient = string.IsNullOrWhiteSpace(customer.ContactEmail) ? null : customer.ContactEmail.Trim(),
            Language = culture.Name,
            Subject = subject,
            Body = body,
            InvoiceReferences = Clip(string.Join(",", overdue.Select(i => i.ExternalId)), 4000),
            OverdueMinor = total,
            Currency = ledger.Value.Currency,
            SentAt = cases.Now,
        };
        letters.Add(letter);
        if (letter.Recipient is not null)
        {
            outbox.Enqueue(new EmailMessage([letter.Recipient], subject, body, Category: $"{Category}.{kind}", CorrelationId: caseInstanceId.ToString()));
        }

        cases.Audit(CaseFile.System, "dunning.letter", "DunningLetter", letter.Id.ToString(), customerId,
            $"{kind} (level {level}) to {letter.Recipient ?? "nobody: no contact address"}; {overdue.Count} invoice(s), {Money.FromMinor(total)} {letter.Currency}");
        return letter;
    }

    private static string Amount(long minor, CultureInfo culture) => Money.FromMinor(minor).ToString("N2", culture);

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 3)] + "...";
}
