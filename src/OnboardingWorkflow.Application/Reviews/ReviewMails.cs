using System.Globalization;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;

namespace OnboardingWorkflow.Application.Reviews;

/// <summary>The e-mails of a periodic review to the account owner.</summary>
public enum ReviewMailKind
{
    /// <summary>The review is open: send the customer's latest statements.</summary>
    Request,

    /// <summary>The statements have not come yet.</summary>
    Reminder,
}

/// <summary>What a review mail template sees; dates and amounts already written in the mail's language.</summary>
public sealed record ReviewMailModel(string Customer, string RegistrationNumber, string DueDate, string Grade, string Tier, string CreditLimit,
    int TermsDays, string Deadline, string Recipient);

/// <summary>
/// Writes the review's e-mails to the account owner in the language they chose (their
/// PreferredCulture, else the default), from Liquid templates embedded as
/// <c>review-mails.{Kind}.{language}.liquid</c> (first line the subject, the rest the body), and
/// queues them in the outbox in the caller's unit of work; the audit trail records each one.
/// </summary>
public sealed class ReviewMails(CaseFile cases, IEmailOutbox outbox)
{
    public const string Category = "review";

    /// <summary>The days Sales has for the statements, as the flow's deadline timer says (P30D).</summary>
    public const int StatementsDays = 30;

    private static readonly Notifications.LiquidTemplates Templates = new(typeof(ReviewMailModel));

    public async Task SendAsync(ReviewCase review, ReviewMailKind kind, CancellationToken cancellationToken)
    {
        var customer = await cases.CustomerAsync(review.CustomerId, cancellationToken);
        if (review.Owner == CaseFile.System)
        {
            cases.Audit(CaseFile.System, "review.mail", "ReviewCase", review.Id.ToString(), customer.Id, $"{kind}: nobody to send it to, the account has no owner");
            return;
        }

        var culture = await UserPreferences.CultureToWriteToAsync(cases.Db, review.Owner, cancellationToken);
        var deadline = DateOnly.FromDateTime(review.StartedAt.UtcDateTime).AddDays(StatementsDays);
        var model = new ReviewMailModel(customer.Name, customer.RegistrationNumber, Date(review.DueDate), review.PreviousGrade, review.PreviousTier,
            review.PreviousLimit.ToString("N2", culture), review.PreviousTermsDays, Date(deadline), review.Owner);
        var (subject, body) = Render(kind, culture, model);
        outbox.Enqueue(new EmailMessage([review.Owner], subject, body, Category: $"{Category}.{kind}", CorrelationId: review.Id.ToString()));
        cases.Audit(CaseFile.System, "review.mail", "ReviewCase", review.Id.ToString(), customer.Id, $"{kind} to {review.Owner} in {culture.Name}: {subject}");
    }

    public static (string Subject, string Body) Render(ReviewMailKind kind, CultureInfo culture, ReviewMailModel model)
    {
        return Templates.Render($"review-mails.{kind}.{culture.Name}.liquid", culture, model);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
