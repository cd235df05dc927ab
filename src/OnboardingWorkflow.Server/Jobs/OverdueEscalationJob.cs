using Hangfire;
using OnboardingWorkflow.Application.Dunning;

namespace OnboardingWorkflow.Server.Jobs;

/// <summary>
/// Recurring job "overdue-escalation" (daily): starts, raises and clears the customers' overdue
/// escalation cases (<see cref="EscalationSweep"/>). Idempotent: a second run the same day
/// changes nothing, and a stopped run resumes at its checkpoint. One run at a time per storage;
/// were two to meet, a customer's case row still admits one of them. Retry policy: none at the
/// Hangfire level; the next run is the retry, and it resumes where this one stopped.
/// </summary>
public sealed class OverdueEscalationJob(EscalationSweep sweep, ILogger<OverdueEscalationJob> logger)
{
    public const string Id = "overdue-escalation";

    [AutomaticRetry(Attempts = 0, LogEvents = false, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var run = await sweep.RunAsync(cancellationToken);
        logger.LogInformation("{Job}: as of {AsOf}, {Evaluated} customer(s) evaluated in {Batches} batch(es); {Started} case(s) started, {Raised} raised, {Cleared} cleared",
            Id, run.AsOf, run.CustomersEvaluated, run.Batches, run.CasesStarted, run.LevelsRaised, run.CasesCleared);
        return run.CasesStarted + run.LevelsRaised + run.CasesCleared;
    }
}
