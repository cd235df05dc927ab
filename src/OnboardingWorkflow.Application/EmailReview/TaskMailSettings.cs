using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>
/// What a user task asks of the task e-mails, from its camunda:properties: <c>notify=email</c>
/// turns them on; <c>notifyReminder</c> is the ISO 8601 duration before the due date when the
/// reminder goes (default P1D); <c>notifyEscalateTo</c> names the group an overdue task is
/// escalated to (default: the next authority level above the task's candidate group).
/// </summary>
public sealed record TaskMailSettings(IsoDuration Reminder, string? EscalateTo)
{
    public const string NotifyProperty = "notify";
    public const string NotifyEmail = "email";
    public const string ReminderProperty = "notifyReminder";
    public const string EscalateToProperty = "notifyEscalateTo";

    public static readonly IsoDuration DefaultReminder = new(0, 0, 0, 1, 0, 0, 0);

    /// <summary>The next authority level of each approving group: who hears of a task left overdue.</summary>
    public static readonly IReadOnlyDictionary<string, string> NextLevel = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [Roles.CreditAnalyst] = Roles.CreditManager,
        [Roles.CreditManager] = Roles.RiskCommittee,
        [Roles.RiskCommittee] = Roles.Admin,
    };

    /// <summary>Whether the node is a user task that asks for e-mail.</summary>
    public static bool AsksForEmail(FlowNode node) =>
        node.Kind == ElementKind.UserTask
        && node.Properties.TryGetValue(NotifyProperty, out var value)
        && string.Equals(value.Trim(), NotifyEmail, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The settings of a node that asks for e-mail. A reminder that is not an ISO 8601 duration is
    /// refused with the element named, so the sweep reports it rather than guessing a default.
    /// </summary>
    public static TaskMailSettings Of(FlowNode node)
    {
        var reminder = DefaultReminder;
        if (node.Properties.TryGetValue(ReminderProperty, out var text) && !IsoDuration.TryParse(text.Trim(), out reminder))
        {
            throw new FormatException($"{node}: the property {ReminderProperty}=\"{text}\" is not an ISO 8601 duration such as P1D or PT12H.");
        }

        var escalateTo = node.Properties.TryGetValue(EscalateToProperty, out var group) && !string.IsNullOrWhiteSpace(group) ? group.Trim() : null;
        return new TaskMailSettings(reminder, escalateTo);
    }

    /// <summary>When the reminder of a task due at <paramref name="due"/> goes.</summary>
    public DateTimeOffset ReminderAt(DateTimeOffset due) =>
        new IsoDuration(-Reminder.Years, -Reminder.Months, -Reminder.Weeks, -Reminder.Days, -Reminder.Hours, -Reminder.Minutes, -Reminder.Seconds).AddTo(due);

    /// <summary>The groups an overdue task with these candidate groups is escalated to.</summary>
    public IReadOnlyList<string> EscalationGroups(IEnumerable<string> candidateGroups) =>
        EscalateTo is { } named
            ? [named]
            : candidateGroups.Select(g => NextLevel.GetValueOrDefault(g)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
