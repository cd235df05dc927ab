using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>
/// Writes one task e-mail (request, reminder or escalation) to one user, in the language they
/// chose, and queues it with its <see cref="TaskMailNotice"/> and action tokens in one SaveChanges:
/// the notice's unique key (task, user, kind) is what makes the e-mail go once.
/// A request and a reminder carry a link per decision the task's contract allows (when
/// <see cref="EmailReviewOptions.PublicBaseUrl"/> is set) and a reply reference (when
/// <see cref="EmailReviewOptions.ReplyAddress"/> is set); an escalation goes to someone who is not
/// the task's decider, so it carries neither.
/// </summary>
public sealed class TaskMailer(CaseFile cases, WorkflowEngine engine, EmailActions actions, IEmailOutbox outbox, TaskMailCases summaries,
    IOptions<EmailReviewOptions> options)
{
    public async Task<TaskMailOutcome> SendAsync(string taskId, string userName, TaskMailKind kind, CancellationToken cancellationToken)
    {
        var task = await engine.Options.Instances.FindTaskAsync(taskId, cancellationToken);
        var normalized = userName.Trim().ToUpperInvariant();
        var user = await cases.Db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        if (task is not { Status: UserTaskStatus.Open } || user is null || user.IsDisabled() || string.IsNullOrWhiteSpace(user.Email))
        {
            return TaskMailOutcome.Skipped;
        }

        var culture = Languages.Find(user.PreferredCulture) ?? Languages.Default;
        var summary = await summaries.GetAsync(task, culture, cancellationToken);
        var settings = options.Value;
        var decides = kind != TaskMailKind.Escalation;
        var decisions = summary.Decisions
            .Select(d => d with { Url = decides && settings.PublicBaseUrl is { } baseUrl ? LinkUrl(baseUrl, actions.IssueLink(task, user.UserName!, d.Id)) : null })
            .ToList();
        var reply = decides && !string.IsNullOrWhiteSpace(settings.ReplyAddress) ? actions.IssueReply(task, user.UserName!) : null;
        var model = new TaskMailModel(user.DisplayName ?? user.UserName!, summary.Customer, summary.TaskName, summary.RequestedLimit, summary.RecommendedLimit,
            summary.Amount, summary.Grade, summary.Reasons, summary.DueDate, decisions, reply, reply is null ? null : settings.ReplyAddress,
            Waiting(task), settings.PublicBaseUrl is { } root ? $"{root.TrimEnd('/')}/tasks/{Uri.EscapeDataString(task.Id)}" : null);
        var (subject, body) = TaskMails.Render(kind, culture, model);

        cases.Db.Set<TaskMailNotice>().Add(new TaskMailNotice { TaskId = task.Id, UserName = user.UserName!, Kind = kind, SentAt = cases.Now });
        outbox.Enqueue(new EmailMessage([user.Email], subject, body, Category: $"{TaskMails.Category}.{kind}", CorrelationId: task.Id,
            ReplyTo: reply is null ? null : settings.ReplyAddress));
        cases.Audit(CaseFile.System, "task.mail", "WorkflowTask", task.Id, summary.CustomerId, $"{kind} to {user.UserName} in {culture.Name}: {subject}");
        await cases.Db.SaveChangesAsync(cancellationToken);
        return TaskMailOutcome.Sent;
    }

    /// <summary>The link page of a token: the public address, "/review/" and the token.</summary>
    public static string LinkUrl(string publicBaseUrl, string token) => $"{publicBaseUrl.TrimEnd('/')}/review/{Uri.EscapeDataString(token)}";

    /// <summary>Who the task waits for, as an escalation names them.</summary>
    private static string Waiting(TaskRecord task) =>
        task.Assignee ?? (task.CandidateUsers.Count > 0 ? string.Join(", ", task.CandidateUsers) : string.Join(", ", task.CandidateGroups));
}
