using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Application.Notifications;

namespace OnboardingWorkflow.Application.Onboarding.Handlers;

/// <summary>sendReminder: e-mails the maker the checklist documents still missing.</summary>
public sealed class SendReminderHandler(CaseFile cases) : IOnboardingTaskHandler
{
    public string Name => "sendReminder";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var application = await cases.ApplicationAsync(context.BusinessKey, cancellationToken);
        var customer = await cases.CustomerAsync(application.CustomerId, cancellationToken);
        var uploaded = await cases.Db.Set<Document>().Where(d => d.ApplicationId == application.Id).Select(d => d.Type).ToListAsync(cancellationToken);
        var missing = DocumentChecklist.Missing(application.CustomerType, uploaded);
        await (missing.Count == 0
            ? cases.NotifyMakerAsync(application, Mails.DocumentsUploaded, [customer.Name], cancellationToken)
            : cases.NotifyMakerAsync(application, Mails.DocumentsMissing, [customer.Name, missing.Select(MailPhrase.Of).ToList()], cancellationToken));
        cases.Audit(CaseFile.System, "reminder.sent", "Application", application.Id.ToString(), application.CustomerId, string.Join(", ", missing));
    }
}
