using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Reviews.Handlers;

/// <summary>sendReviewMail: the e-mail to the account owner its element names in the extension property <c>mail</c> (Request, Reminder).</summary>
public sealed class SendReviewMailHandler(ReviewCases reviews, ReviewMails mails) : IOnboardingTaskHandler
{
    public string Name => "sendReviewMail";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        if (!context.Element.Properties.TryGetValue(ReviewProcess.MailProperty, out var name) || !Enum.TryParse<ReviewMailKind>(name, out var kind))
        {
            throw new InvalidOperationException(
                $"{context.ElementId}: the extension property '{ReviewProcess.MailProperty}' must name a mail ({string.Join(", ", Enum.GetNames<ReviewMailKind>())}).");
        }

        await mails.SendAsync(await reviews.OfBusinessKeyAsync(context.BusinessKey, cancellationToken), kind, cancellationToken);
    }
}
