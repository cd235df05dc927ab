namespace OnboardingWorkflow.Data.Domain;

/// <summary>
/// One day's run of the periodic-review job, with its checkpoint: the (next-review date, customer
/// id) key of the last profile of the last batch done. One row per day (unique), shared by every
/// server that runs the job that day; a stopped run resumes after the key, and starting a case is
/// idempotent (<see cref="ReviewCase"/> is unique per customer and cycle), so the batch a run
/// stopped in is safe to run again.
/// </summary>
public sealed class ReviewRun
{
    public Guid Id { get; set; }

    /// <summary>The day of the run.</summary>
    public DateOnly AsOf { get; set; }

    /// <summary>Reviews due on or before this day are started (the day plus the lead time).</summary>
    public DateOnly DueBy { get; set; }

    public DateOnly? LastDueDate { get; set; }
    public Guid? LastCustomerId { get; set; }
    public int Batches { get; set; }
    public int CustomersDue { get; set; }
    public int CasesStarted { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Revision { get; set; }
}
