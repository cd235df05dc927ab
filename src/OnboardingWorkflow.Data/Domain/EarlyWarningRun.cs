namespace OnboardingWorkflow.Data.Domain;

/// <summary>
/// One run of the early-warning job, with its checkpoint: the last customer id of the last batch
/// done. A stopped run resumes after that key; a customer of the batch it stopped in is evaluated
/// again and finds its alerts of the day already stored (unique per customer, indicator and day),
/// so nobody is skipped or doubled.
/// </summary>
public sealed class EarlyWarningRun
{
    public Guid Id { get; set; }

    /// <summary>The day it evaluates.</summary>
    public DateOnly AsOf { get; set; }

    public Guid? LastCustomerId { get; set; }
    public int Batches { get; set; }
    public int CustomersEvaluated { get; set; }
    public int AlertsRaised { get; set; }
    public int ReviewsRequested { get; set; }
    public int HoldsPlaced { get; set; }
    public int RenewalsStarted { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Revision { get; set; }
}
