using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

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
        cases.NotifyMaker(application, $"Reminder: documents for {customer.Name}",
            missing.Count == 0
                ? $"All checklist documents for {customer.Name} are uploaded; complete the document collection task to send them for review."
                : $"Still missing for {customer.Name}: {string.Join(", ", missing)}. The application is withdrawn 14 days after it was submitted.",
            "onboarding.reminder");
        cases.Audit(CaseFile.System, "reminder.sent", "Application", application.Id.ToString(), application.CustomerId, string.Join(", ", missing));
    }
}
