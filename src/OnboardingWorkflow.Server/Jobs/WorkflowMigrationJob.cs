using Hangfire;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Workflow;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Server.Jobs;

/// <summary>
/// Job "workflow-migration": works through one migration batch (<see cref="MigrationBatchRunner"/>).
/// Takes the batch id; idempotent (a finished batch is left alone, and a batch resumes at the first
/// chunk it had not committed). One batch runs at a time in the whole cluster, so two servers never
/// race through the same batch. Retry policy: none at the Hangfire level; a batch the runner could
/// not finish is marked Failed with the reason, and the instances it did not reach are still on the
/// old version for a new batch. Batches left Queued or Running by a server that stopped are queued
/// again when a server with jobs starts.
/// </summary>
public sealed class WorkflowMigrationJob(MigrationBatchRunner runner, ILogger<WorkflowMigrationJob> logger)
{
    public const string Id = "workflow-migration";

    [AutomaticRetry(Attempts = 0, LogEvents = true, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<MigrationBatchView> RunAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var view = await runner.RunAsync(batchId, cancellationToken);
        logger.LogInformation("{Job} {Batch}: {State}, {Migrated} migrated, {Skipped} skipped, {Failed} failed of {Total}",
            Id, batchId, view.State, view.Migrated, view.Skipped, view.Failed, view.Total);
        return view;
    }

    /// <summary>Queues again the batches that were queued or running when a server stopped (in-memory job storage forgets them).</summary>
    public static async Task<int> ResumeUnfinishedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var queue = scope.ServiceProvider.GetRequiredService<IMigrationBatchQueue>();
        var unfinished = await db.Set<WorkflowMigrationBatch>().AsNoTracking()
            .Where(b => b.State == WorkflowMigrationBatchState.Queued || b.State == WorkflowMigrationBatchState.Running)
            .Select(b => b.Id).ToListAsync(cancellationToken);
        foreach (var id in unfinished)
        {
            queue.Enqueue(id);
        }

        return unfinished.Count;
    }
}

/// <summary>Queues migration batches as Hangfire jobs.</summary>
public sealed class HangfireMigrationBatchQueue(IBackgroundJobClient jobs) : IMigrationBatchQueue
{
    public void Enqueue(Guid batchId) => jobs.Enqueue<WorkflowMigrationJob>(job => job.RunAsync(batchId, CancellationToken.None));
}
