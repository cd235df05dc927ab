using System.Globalization;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>What an answer to a reply template sees: the outcome, the task, the decision and comment read, the use case's reason.</summary>
public sealed record ReplyAnswerModel(string Outcome, string Task, string? Decision, string? Comment, string? Reason);

/// <summary>
/// The answers to replies, in the person's language: the confirmation of a decision, or why nothing
/// happened. Liquid templates (Fluid) embedded as <c>reply-answers.Answer.{language}.liquid</c>, first
/// line the subject, the rest the body, one branch per outcome; parsed once.
/// </summary>
public static class ReplyAnswers
{
    public const string Category = "email-reply.answer";

    private static readonly Notifications.LiquidTemplates Templates = new(typeof(ReplyAnswerModel));

    public static (string Subject, string Body) Render(CultureInfo culture, ReplyAnswerModel model)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var (title, body) = Templates.Render($"reply-answers.Answer.{culture.Name}.liquid", culture, model);
        return (title.Length > 200 ? title[..200] : title, body);
    }
}
