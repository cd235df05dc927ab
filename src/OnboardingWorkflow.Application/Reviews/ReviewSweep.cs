using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.Reviews;

/// <summary>
/// The daily periodic-review run: the customers whose next review falls within the lead time
/// (<see cref="ReviewOptions.LeadTimeDays"/>) get their review case, in keyset batches of the
/// due cohort (<see cref="ReviewCohort"/>). The day's run row (one per day, shared by every
/// server) keeps the key of the last customer of the last batch done, so a stopped run resumes
/// there. Each case opens in a unit of work of its own (<see cref="CustomerReview"/>) and is
/// unique per customer and cycle, so the batch a run stopped in, a retry, or a second server
/// working the same batch at the same time opens nothing twice and skips nobody.
/// </summary>
public sealed class ReviewSweep(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReviewOptions> options)
{
    /// <summary>Runs (or resumes) today's run to its end; <paramref name="afterBatch"/> sees the checkpoint after each batch.</summary>
    public async Task<ReviewRun> RunAsync(CancellationToken cancellationToken, Func<ReviewRun, Task>? afterBatch = null)
    {
        var runId = await OpenRunAsync(cancellationToken);
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
            var run = await db.Set<ReviewRun>().FirstAsync(r => r.Id == runId, cancellationToken);
            if (run.FinishedAt is not null)
            {
                return run;
            }

            var batch = await ReviewCohort.NextAsync(db, run.DueBy, run.LastDueDate, run.LastCustomerId, options.Value.BatchSize, cancellationToken);
            var started = 0;
            foreach (var due in batch)
            {
                started += await StartInOwnScopeAsync(due, cancellationToken) ? 1 : 0;
            }

            if (batch.Count == 0)
            {
                run.FinishedAt = clock.GetUtcNow();
            }
            else
            {
                (run.LastDueDate, run.LastCustomerId) = (batch[^1].DueDate, batch[^1].CustomerId);
                run.Batches++;
                run.CustomersDue += batch.Count;
                run.CasesStarted += started;
            }

            run.Revision++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another server moved the same run's checkpoint meanwhile; read it again and go on from there.
                continue;
            }

            if (batch.Count > 0 && afterBatch is not null)
            {
                await afterBatch(run);
            }
        }
    }

    /// <summary>Today's run: the unfinished one to resume, else a new one; runs of earlier days that never finished are closed.</summary>
    private async Task<Guid> OpenRunAsync(CancellationToken cancellationToken)
    {
        var asOf = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
            foreach (var stale in await db.Set<ReviewRun>().Where(r => r.FinishedAt == null && r.AsOf != asOf).ToListAsync(cancellationToken))
            {
                // Today's run covers every customer whose review is due by today's horizon again.
                stale.FinishedAt = clock.GetUtcNow();
                stale.Revision++;
            }

            var run = await db.Set<ReviewRun>().FirstOrDefaultAsync(r => r.AsOf == asOf, cancellationToken);
            if (run is null)
            {
                run = new ReviewRun
                {
                    Id = Guid.CreateVersion7(), AsOf = asOf, DueBy = asOf.AddDays(options.Value.LeadTimeDays), StartedAt = clock.GetUtcNow(),
                };
                db.Add(run);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return run.Id;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // A server opened today's run (or closed a stale one) at the same moment: the unique day decides; read again.
            }
        }
    }

    /// <summary>
    /// One customer's case in a unit of work of its own. A conflict means another run opened the
    /// same review at the same moment: the unique case row let one of them through.
    /// </summary>
    private async Task<bool> StartInOwnScopeAsync(DueCustomer due, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<CustomerReview>().StartAsync(due, cancellationToken);
        }
        catch (Exception ex) when (ex is ConcurrencyException or DbUpdateException)
        {
            return false;
        }
    }
}
