using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Application.Reviews;

/// <summary>The "Reviews" section: how far ahead the daily job opens a customer's periodic review, and its batch size.</summary>
public sealed class ReviewOptions
{
    public const string Section = "Reviews";

    /// <summary>A review is opened when the customer's next review date is at most this many days ahead (0: on the day).</summary>
    [Range(0, 180)]
    public int LeadTimeDays { get; set; } = 30;

    /// <summary>Customers per batch of the periodic-review job; the checkpoint is written after each batch.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;
}
