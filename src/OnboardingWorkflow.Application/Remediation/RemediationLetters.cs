using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Dunning;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;

namespace OnboardingWorkflow.Application.Remediation;

/// <summary>One instalment as a letter shows it; the amount already written in the letter's language.</summary>
public sealed record RemediationLetterInstalment(int Number, string DueDate, string Amount);

/// <summary>What a remediation letter template sees.</summary>
public sealed record RemediationLetterModel(string Customer, string Currency, string Total, string Debt, string WrittenDown, int GraceDays,
    IReadOnlyList<RemediationLetterInstalment> Instalments, RemediationLetterInstalment? Instalment);

/// <summary>
/// Writes a letter of a remediation case as the dunning letters are written: in the customer's
/// language (else <see cref="DunningOptions.DefaultLanguage"/>), from the Liquid templates
/// <c>Remediation/Letters/{Kind}.{language}.liquid</c>, kept in the customer's credit archive
/// (<see cref="RemediationLetter"/>) and queued in the outbox in the caller's unit of work. One
/// letter of a kind per case and instalment: a second call is a no-op.
/// </summary>
public sealed class RemediationLetters(CaseFile cases, IEmailOutbox outbox, IOptions<DunningOptions> dunning, IOptions<RemediationOptions> options)
{
    public const string Category = "remediation";

    public async Task<RemediationLetter?> SendAsync(RemediationCase remediation, RemediationLetterKind kind, int instalmentNumber, CancellationToken cancellationToken)
    {
        var letters = cases.Db.Set<RemediationLetter>();
        var instance = remediation.InstanceId;
        if (letters.Local.Any(l => l.CaseInstanceId == instance && l.Kind == kind && l.InstalmentNumber == instalmentNumber)
            || await letters.AnyAsync(l => l.CaseInstanceId == instance && l.Kind == kind && l.InstalmentNumber == instalmentNumber, cancellationToken))
        {
            return null;
        }

        var customer = await cases.CustomerAsync(remediation.CustomerId, cancellationToken);
        var culture = Common.Languages.Find(customer.Language) ?? Common.Languages.Find(dunning.Value.DefaultLanguage) ?? Common.Languages.Default;
        var plan = await RemediationCases.InstalmentsAsync(cases, instance, cancellationToken);
        RemediationLetterInstalment Show(RemediationInstalment i) =>
            new(i.Number, i.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Amount(i.AmountMinor, culture));
        var open = plan.Sum(i => i.AmountMinor - i.PaidMinor);
        var about = plan.FirstOrDefault(i => i.Number == instalmentNumber);
        var model = new RemediationLetterModel(customer.Name, remediation.Currency,
            Amount(kind == RemediationLetterKind.PlanAgreement ? remediation.PlanTotalMinor : open, culture),
            Amount(remediation.DebtMinor, culture), remediation.WriteDownMinor > 0 ? Amount(remediation.WriteDownMinor, culture) : "",
            options.Value.GraceDays, plan.Select(Show).ToList(), about is null ? null : Show(about));
        var (subject, body) = LetterTemplates.Render($"remediation-letters.{kind}.{culture.Name}.liquid", culture, model);
        var letter = new RemediationLetter
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer.Id,
            CaseInstanceId = instance,
            Kind = kind,
            InstalmentNumber = instalmentNumber,
            Recipient = string.IsNullOrWhiteSpace(customer.ContactEmail) ? null : customer.ContactEmail.Trim(),
            Language = culture.Name,
            Subject = subject,
            Body = body,
            AmountMinor = about?.AmountMinor ?? remediation.PlanTotalMinor,
            Currency = remediation.Currency,
            SentAt = cases.Now,
        };
        letters.Add(letter);
        if (letter.Recipient is not null)
        {
            outbox.Enqueue(new EmailMessage([letter.Recipient], subject, body, Category: $"{Category}.{kind}", CorrelationId: instance.ToString()));
        }

        cases.Audit(CaseFile.System, "remediation.letter", "RemediationLetter", letter.Id.ToString(), customer.Id,
            $"{kind}{(instalmentNumber > 0 ? $" (instalment {instalmentNumber})" : "")} to {letter.Recipient ?? "nobody: no contact address"}");
        return letter;
    }

    private static string Amount(long minor, CultureInfo culture) => Money.FromMinor(minor).ToString("N2", culture);
}
