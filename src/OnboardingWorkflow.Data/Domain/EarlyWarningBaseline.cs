namespace OnboardingWorkflow.Data.Domain;

/// <summary>
/// A customer's days beyond terms and collection period as the early-warning job last recorded
/// them, so the next period's values have something to be compared with (the trend indicators).
/// Renewed once a period per customer, not daily: the job writes about one customer in thirty a day.
/// </summary>
public sealed class EarlyWarningBaseline
{
    public Guid CustomerId { get; set; }
    public DateOnly TakenOn { get; set; }
    public double? DaysBeyondTerms { get; set; }
    public double? CollectionPeriodDays { get; set; }
}
