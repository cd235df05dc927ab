using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>The "Warnings" section: the early-warning job's batch size and periods, and the qualification warning window.</summary>
public sealed class WarningsOptions
{
    public const string Section = "Warnings";

    /// <summary>
    /// Customers per batch of the early-warning job; the checkpoint is written after each batch. Each
    /// batch costs about ten queries and a commit whatever its size, so larger batches cost less per
    /// customer; a stopped run evaluates at most one batch again.
    /// </summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 5000;

    /// <summary>The period of sales and orders the indicators compare (this period with the one before), and how long a trend baseline stands.</summary>
    [Range(7, 365)]
    public int PeriodDays { get; set; } = 30;

    /// <summary>An indicator that stays at the same level raises no new alert for the customer within this many days.</summary>
    [Range(1, 365)]
    public int RepeatAfterDays { get; set; } = 30;

    /// <summary>Qualification documents expiring within this many days raise a re-collection task for the account owner.</summary>
    [Range(1, 365)]
    public int QualificationWarningDays { get; set; } = 30;
}
