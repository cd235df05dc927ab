namespace OnboardingWorkflow.Application.Receivables;

/// <summary>
/// Told after an import was saved which customers' ledgers it changed, e.g. so that a payment that
/// settles the overdue ends the customer's escalation at once. Runs after the import's commit: a
/// failure here never undoes the import, and whoever listens must also catch up on its own.
/// </summary>
public interface ILedgerListener
{
    Task LedgerChangedAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken);
}
