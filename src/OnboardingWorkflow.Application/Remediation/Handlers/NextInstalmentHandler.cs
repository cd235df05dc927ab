using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Remediation.Handlers;

/// <summary>
/// nextInstalment: allocates the payments to the plan and sets planPaid; while instalments are
/// open, the first of them drives the timers: remindAt (Remediation:ReminderDaysBefore before its
/// day), graceEndsAt (the end of its day plus Remediation:GraceDays, UTC) and reminderSent.
/// </summary>
public sealed class NextInstalmentHandler(CaseFile cases, RemediationCases remediations, IOptions<RemediationOptions> options) : IOnboardingTaskHandler
{
    public string Name => "nextInstalment";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var remediation = await remediations.OfAsync(context, cancellationToken);
        var plan = await remediations.AllocateAsync(remediation, cancellationToken);
        var next = plan.FirstOrDefault(i => i.State != InstalmentState.Paid);
        context.SetVariable(RemediationProcess.Variables.PlanPaid, next is null);
        if (next is null)
        {
            return;
        }

        var instance = context.InstanceId;
        var reminded = cases.Db.Set<RemediationLetter>().Local.Any(l => l.CaseInstanceId == instance && l.Kind == RemediationLetterKind.InstalmentReminder && l.InstalmentNumber == next.Number)
            || await cases.Db.Set<RemediationLetter>().AnyAsync(
                l => l.CaseInstanceId == instance && l.Kind == RemediationLetterKind.InstalmentReminder && l.InstalmentNumber == next.Number, cancellationToken);
        context.SetVariable(RemediationProcess.Variables.InstalmentNumber, next.Number);
        context.SetVariable(RemediationProcess.Variables.RemindAt, StartOf(next.DueDate.AddDays(-options.Value.ReminderDaysBefore)));
        context.SetVariable(RemediationProcess.Variables.GraceEndsAt, GraceEndsAt(next.DueDate, options.Value.GraceDays));
        context.SetVariable(RemediationProcess.Variables.ReminderSent, reminded);
    }

    /// <summary>The moment an instalment due on <paramref name="due"/> is missed: the end of its due day plus the grace days (UTC).</summary>
    public static string GraceEndsAt(DateOnly due, int graceDays) => StartOf(due.AddDays(graceDays + 1));

    private static string StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);
}
