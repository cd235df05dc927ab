using System.Globalization;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>A decision the reviewer may take from the e-mail: its name in the mail's language and, when links are on, its link.</summary>
public sealed record TaskMailChoice(string Id, string Label, string? Url);

/// <summary>What a task e-mail template sees (request, reminder, escalation); dates and amounts already written in the mail's language.</summary>
public sealed record TaskMailModel(
    string Recipient,
    string Customer,
    string TaskName,
    string? RequestedLimit,
    string? RecommendedLimit,
    string? Amount,
    string? Grade,
    IReadOnlyList<string> Reasons,
    string? DueDate,
    IReadOnlyList<TaskMailChoice> Decisions,
    string? ReplyReference,
    string? ReplyAddress,
    string? Assignees,
    string? TaskUrl);

/// <summary>One open task as the digest lists it.</summary>
public sealed record TaskDigestLine(string Customer, string TaskName, string? DueDate, bool Overdue, string How);

/// <summary>What the digest template sees.</summary>
public sealed record TaskDigestModel(string Recipient, string Day, int Count, IReadOnlyList<TaskDigestLine> Tasks, string? InboxUrl);

/// <summary>
/// The task e-mails as Liquid templates (Fluid), one per kind and language, embedded as
/// <c>task-mails.{Kind}.{language}.liquid</c> (first line the subject, the rest the plain-text body).
/// Parsed once; a template that does not parse is a defect, reported with its name.
/// </summary>
public static class TaskMails
{
    public const string Category = "task";
    public const string DigestKind = "Digest";

    private static readonly Notifications.LiquidTemplates Templates = new(typeof(TaskMailModel), typeof(TaskMailChoice), typeof(TaskDigestModel), typeof(TaskDigestLine));

    public static (string Subject, string Body) Render(TaskMailKind kind, CultureInfo culture, TaskMailModel model) =>
        Render(kind.ToString(), culture, model);

    public static (string Subject, string Body) Render(CultureInfo culture, TaskDigestModel model) => Render(DigestKind, culture, model);

    private static (string Subject, string Body) Render(string kind, CultureInfo culture, object model) =>
        Templates.Render($"task-mails.{kind}.{culture.Name}.liquid", culture, model);
}
