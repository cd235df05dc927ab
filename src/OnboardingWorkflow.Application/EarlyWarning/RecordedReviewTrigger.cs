using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>
/// The default <see cref="IReviewTrigger"/> until the periodic-review flow takes the requests: it
/// records each request in the audit trail (action <see cref="Action"/>, entity the customer, the
/// reason and the alert in the detail), in the caller's unit of work.
/// </summary>
public sealed class RecordedReviewTrigger(CaseFile cases) : IReviewTrigger
{
    public const string Action = "review.requested";

    public Task StartTriggeredReviewAsync(Guid customerId, string reason, Guid? alertId, CancellationToken cancellationToken)
    {
        var detail = alertId is { } id ? $"{reason} (alert {id})" : reason;
        cases.Audit(CaseFile.System, Action, nameof(Customer), customerId.ToString(), customerId, detail);
        return Task.CompletedTask;
    }
}
