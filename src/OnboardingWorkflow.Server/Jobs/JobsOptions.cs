using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Server.Jobs;

/// <summary>
/// The "Jobs" configuration section. <see cref="Enabled"/> runs a Hangfire server in this process
/// and schedules the recurring jobs switched on below; when false, this process runs no jobs and
/// leaves the schedules alone (tests drive the dispatcher and the engine directly).
/// Cron expressions have six fields, seconds first.
/// </summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    public bool Enabled { get; set; } = true;

    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>
    /// On PostgreSQL storage, how long a job's lock outlives a server that died holding it (a killed
    /// process cannot release it): until then another server's run of the same job waits and gives up.
    /// Longer than any job runs; the jobs are idempotent, so a run that outlasts it is still safe.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public bool WorkflowTimers { get; set; } = true;

    [Required]
    public string WorkflowTimersCron { get; set; } = "*/15 * * * * *";

    public bool EmailOutbox { get; set; } = true;

    [Required]
    public string EmailOutboxCron { get; set; } = "*/10 * * * * *";

    public bool EmailReplies { get; set; } = true;

    /// <summary>Reading the reviewers' replies (EmailReview:Imap); default every minute.</summary>
    [Required]
    public string EmailRepliesCron { get; set; } = "0 * * * * *";

    public bool OverdueEscalation { get; set; } = true;

    /// <summary>The daily overdue escalation; default 06:00 UTC.</summary>
    [Required]
    public string OverdueEscalationCron { get; set; } = "0 0 6 * * *";

    public bool PeriodicReview { get; set; } = true;

    /// <summary>The daily periodic-review cohort (reviews due within Reviews:LeadTimeDays); default 07:00 UTC, after the early warning, whose reviews it opens the same morning.</summary>
    [Required]
    public string PeriodicReviewCron { get; set; } = "0 0 7 * * *";
    public bool EarlyWarning { get; set; } = true;

    /// <summary>The daily early warning and qualification-expiry check; default 06:30 UTC, after the escalation.</summary>
    [Required]
    public string EarlyWarningCron { get; set; } = "0 30 6 * * *";

    public bool TaskMail { get; set; } = true;

    /// <summary>The task e-mails (requests, reminders, escalations of tasks with notify=email); default every two minutes.</summary>
    [Required]
    public string TaskMailCron { get; set; } = "0 */2 * * * *";

    public bool TaskDigest { get; set; } = true;

    /// <summary>The daily digest of open tasks to the users who asked for it; default 07:30 UTC, after the periodic reviews open their tasks.</summary>
    [Required]
    public string TaskDigestCron { get; set; } = "0 30 7 * * *";
}
