using Hangfire;
using OnboardingWorkflow.Application.Reviews;

namespace OnboardingWorkflow.Server.Jobs;

/// <summary>
/// Recurring job "periodic-review" (daily): opens the review case of every customer whose next
/// review falls within Reviews:LeadTimeDays (<see cref="ReviewSweep"/>). Idempotent: a second run
/// the same day opens nothing, and a stopped run resumes at its checkpoint. Safe on several
/// servers at once: they share the day's run, and a review case is unique per customer and cycle.
/// Retry policy: none at the Hangfire level; the next run is the retry, and it resumes where this
/// one stopped.
/// </summary>
public sealed class PeriodicReviewJob(ReviewSweep sweep, ILogger<PeriodicReviewJob> logger)
{
    public const string Id = "periodic-review";

    [AutomaticRetry(Attempts = 0, LogEvents = false, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var run = await sweep.RunAsync(cancellationToken);
        logger.LogInformation("{Job}: as of {AsOf}, reviews due by {DueBy}: {Due} customer(s) in {Batches} batch(es), {Started} case(s) started",
            Id, run.AsOf, run.DueBy, run.CustomersDue, run.Batches, run.CasesStarted);
        return run.CasesStarted;
    }
}
