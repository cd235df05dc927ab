namespace OnboardingWorkflow.Application.Notifications;

/// <summary>
/// An e-mail the product sends: its subject and body are the entries <c>{Name}.Subject</c> and
/// <c>{Name}.Body</c> of MailText.resx, composed in the recipient's language; the category files it in the outbox.
/// </summary>
public sealed record MailTemplate(string Name, string Category)
{
    public string SubjectKey => Name + ".Subject";

    public string BodyKey => Name + ".Body";
}

/// <summary>
/// A piece of an e-mail that is itself translated (a document type, a reason, an outcome): a key of
/// MailText.resx and its arguments, which may be phrases too. Pass it as an argument of a template.
/// </summary>
public sealed record MailPhrase(string Key, params object?[] Args)
{
    /// <summary>The name of an enum value, e.g. <c>DocumentType.TaxRecords</c>.</summary>
    public static MailPhrase Of<TEnum>(TEnum value) where TEnum : struct, Enum => new($"{typeof(TEnum).Name}.{value}");
}

/// <summary>Every e-mail of the product, with the arguments each template expects.</summary>
public static class Mails
{
    /// <summary>{0} customer, {1} the missing documents (phrases).</summary>
    public static readonly MailTemplate DocumentsMissing = new(nameof(DocumentsMissing), "onboarding.reminder");

    /// <summary>{0} customer.</summary>
    public static readonly MailTemplate DocumentsUploaded = new(nameof(DocumentsUploaded), "onboarding.reminder");

    /// <summary>{0} customer, {1} registration number, {2} the reason (phrase).</summary>
    public static readonly MailTemplate ApplicationTimedOut = new(nameof(ApplicationTimedOut), "onboarding.withdrawn");

    /// <summary>{0} customer, {1} registration number, {2} who withdrew it, {3} their reason.</summary>
    public static readonly MailTemplate ApplicationWithdrawn = new(nameof(ApplicationWithdrawn), "onboarding.withdrawn");

    /// <summary>{0} customer, {1} registration number, {2} the reason.</summary>
    public static readonly MailTemplate ApplicationRejected = new(nameof(ApplicationRejected), "onboarding.rejected");

    /// <summary>{0} customer, {1} registration number, {2} limit, {3} terms in days.</summary>
    public static readonly MailTemplate CustomerActivated = new(nameof(CustomerActivated), "onboarding.activated");

    /// <summary>{0} customer, {1} limit, {2} terms in days, {3} the agreement's text.</summary>
    public static readonly MailTemplate ContractReady = new(nameof(ContractReady), "onboarding.approved");

    /// <summary>{0} customer, {1} the decision (phrase), {2} the approver, {3} the task, {4} the comment (phrase, or empty).</summary>
    public static readonly MailTemplate Decision = new(nameof(Decision), "onboarding.decision");

    /// <summary>{0} customer, {1} the kind of change (phrase), {2} who rejected it and why, {3} the limit that stays.</summary>
    public static readonly MailTemplate LimitChangeRejected = new(nameof(LimitChangeRejected), "limit-change.rejected");

    /// <summary>{0} customer, {1} the kind of change (phrase), {2} the outcome (phrase).</summary>
    public static readonly MailTemplate LimitChangeApproved = new(nameof(LimitChangeApproved), "limit-change.approved");

    public static readonly IReadOnlyList<MailTemplate> All =
    [
        DocumentsMissing, DocumentsUploaded, ApplicationTimedOut, ApplicationWithdrawn, ApplicationRejected, CustomerActivated,
        ContractReady, Decision, LimitChangeRejected, LimitChangeApproved,
    ];
}
