using OnboardingWorkflow.Application.EmailReview;
using OnboardingWorkflow.Engine.Model;

namespace OnboardingWorkflow.Server.Tests.EmailReview;

/// <summary>What a user task's extension properties ask of the task e-mails.</summary>
public sealed class TaskMailSettingsFacts
{
    private static FlowNode Task(params (string Name, string Value)[] properties) => new()
    {
        Id = "approveLimit",
        Kind = ElementKind.UserTask,
        TypeName = "userTask",
        Properties = properties.ToDictionary(p => p.Name, p => p.Value),
    };

    [Fact]
    public void Only_a_user_task_with_notify_email_asks_for_e_mail()
    {
        Assert.True(TaskMailSettings.AsksForEmail(Task(("notify", " Email "))));
        Assert.False(TaskMailSettings.AsksForEmail(Task(("notify", "sms"))));
        Assert.False(TaskMailSettings.AsksForEmail(Task()));
        Assert.False(TaskMailSettings.AsksForEmail(new FlowNode { Id = "send", Kind = ElementKind.ServiceTask, TypeName = "serviceTask",
            Properties = new Dictionary<string, string> { ["notify"] = "email" } }));
    }

    [Fact]
    public void The_reminder_goes_a_day_before_the_due_date_unless_the_task_names_another_duration()
    {
        var due = new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(due.AddDays(-1), TaskMailSettings.Of(Task(("notify", "email"))).ReminderAt(due));
        Assert.Equal(due.AddHours(-36), TaskMailSettings.Of(Task(("notify", "email"), ("notifyReminder", "P1DT12H"))).ReminderAt(due));
    }

    [Fact]
    public void A_reminder_that_is_no_duration_is_refused_with_the_element_and_the_value()
    {
        var refused = Assert.Throws<FormatException>(() => TaskMailSettings.Of(Task(("notify", "email"), ("notifyReminder", "one day"))));

        Assert.Contains("userTask 'approveLimit'", refused.Message);
        Assert.Contains("notifyReminder=\"one day\"", refused.Message);
    }

    [Fact]
    public void An_overdue_task_escalates_to_the_next_authority_level_or_to_the_group_it_names()
    {
        var settings = TaskMailSettings.Of(Task(("notify", "email")));

        Assert.Equal(["CreditManager"], settings.EscalationGroups(["CreditAnalyst"]));
        Assert.Equal(["RiskCommittee"], settings.EscalationGroups(["CreditManager"]));
        Assert.Equal(["Admin"], settings.EscalationGroups(["RiskCommittee"]));
        Assert.Empty(settings.EscalationGroups(["Sales"]));
        Assert.Equal(["Collections"], TaskMailSettings.Of(Task(("notify", "email"), ("notifyEscalateTo", " Collections "))).EscalationGroups(["CreditAnalyst"]));
    }
}
