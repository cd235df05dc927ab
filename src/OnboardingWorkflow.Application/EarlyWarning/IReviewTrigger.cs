namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>
/// Starts an out-of-cycle (triggered) credit review of a customer: what the early-warning job calls
/// for an alert whose action is a review or a hold, and the qualification check for an expired
/// mandatory document. The implementation joins the caller's unit of work (the scoped DbContext):
/// it adds what it records and never saves, so the request commits with the alert that caused it
/// or not at all. The caller asks once per cause (an alert id, or a document's expiry); the
/// implementation may still see a request for a customer whose review is already running and
/// then records the cause on that review instead of starting another.
/// </summary>
public interface IReviewTrigger
{
    /// <param name="customerId">The customer to review.</param>
    /// <param name="reason">Why, in a sentence a credit manager can read (indicators and values, or the expired document).</param>
    /// <param name="alertId">The early-warning alert that asked for it; null when the cause is not an alert (an expired document).</param>
    Task StartTriggeredReviewAsync(Guid customerId, string reason, Guid? alertId, CancellationToken cancellationToken);
}
