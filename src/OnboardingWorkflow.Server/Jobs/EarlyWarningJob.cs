using Hangfire;
using OnboardingWorkflow.Application.EarlyWarning;

namespace OnboardingWorkflow.Server.Jobs;

/// <summary>
/// Recurring job "early-warning" (daily): evaluates the early-warning indicators of every active
/// customer, stores the alerts with their evidence and carries out what the policy decides, and
/// starts the re-collection of qualification documents about to expire (<see cref="EarlyWarningSweep"/>).
/// Idempotent: a second run the same day adds nothing, and a stopped run resumes at its checkpoint.
/// One run at a time per storage. Retry policy: none at the Hangfire level; the next run is the
/// retry, and it resumes where this one stopped.
/// </summary>
public sealed class EarlyWarningJob(EarlyWarningSweep sweep, ILogger<EarlyWarningJob> logger)
{
    public const string Id = "early-warning";

    [AutomaticRetry(Attempts = 0, LogEvents = false, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var run = await sweep.RunAsync(cancellationToken);
        logger.LogInformation("{Job}: as of {AsOf}, {Evaluated} customer(s) evaluated in {Batches} batch(es); {Alerts} alert(s), {Reviews} review request(s), "
            + "{Holds} hold(s), {Renewals} qualification renewal(s)",
            Id, run.AsOf, run.CustomersEvaluated, run.Batches, run.AlertsRaised, run.ReviewsRequested, run.HoldsPlaced, run.RenewalsStarted);
        return run.AlertsRaised + run.RenewalsStarted;
    }
}
