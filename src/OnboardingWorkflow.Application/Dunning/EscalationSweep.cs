using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.Dunning;

/// <summary>
/// The daily overdue escalation over every customer, in batches by SQL on the open-items index
/// (kind, open, customer, due date): first the customers with invoices overdue to the first level,
/// by customer id after the checkpoint, then the running cases whose overdue is cleared. Each
/// batch is read without tracking and evaluated in memory with the credit library's dunning
/// evaluator; only customers whose case must start or move get a unit of work of their own
/// (<see cref="CustomerEscalation"/>). The run row keeps the phase and the last customer of the
/// last batch done, so a stopped run resumes there; a customer of the batch it stopped in is
/// evaluated again and finds its level already recorded, so nobody is skipped or doubled.
/// </summary>
public sealed class EscalationSweep(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DunningOptions> options)
{
    /// <summary>Runs (or resumes) today's run to its end; <paramref name="afterBatch"/> sees the checkpoint after each batch.</summary>
    public async Task<DunningRun> RunAsync(CancellationToken cancellationToken, Func<DunningRun, Task>? afterBatch = null)
    {
        var asOf = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var runId = await OpenRunAsync(asOf, cancellationToken);
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
            var run = await db.Set<DunningRun>().FirstAsync(r => r.Id == runId, cancellationToken);
            if (run.Phase == DunningRunPhase.Done)
            {
                return run;
            }

            var batch = run.Phase == DunningRunPhase.Overdue
                ? await OverdueBatchAsync(db, run, cancellationToken)
                : await ClearedBatchAsync(db, run, cancellationToken);
            if (batch.Count == 0)
            {
                run.Phase = run.Phase == DunningRunPhase.Overdue ? DunningRunPhase.Cleared : DunningRunPhase.Done;
                run.LastCustomerId = null;
                run.FinishedAt = run.Phase == DunningRunPhase.Done ? clock.GetUtcNow() : null;
            }
            else
            {
                run.LastCustomerId = batch[^1];
                run.Batches++;
            }

            run.Revision++;
            await db.SaveChangesAsync(cancellationToken);
            if (batch.Count > 0 && afterBatch is not null)
            {
                await afterBatch(run);
            }
        }
    }

    private async Task<Guid> OpenRunAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var unfinished = await db.Set<DunningRun>().Where(r => r.FinishedAt == null).ToListAsync(cancellationToken);
        var resumed = unfinished.Where(r => r.AsOf == asOf).OrderByDescending(r => r.StartedAt).FirstOrDefault();
        foreach (var stale in unfinished.Where(r => r != resumed))
        {
            // A run of an earlier day that never finished: today's run covers everyone again.
            stale.FinishedAt = clock.GetUtcNow();
            stale.Revision++;
        }

        if (resumed is null)
        {
            resumed = new DunningRun { Id = Guid.CreateVersion7(), AsOf = asOf, Phase = DunningRunPhase.Overdue, StartedAt = clock.GetUtcNow() };
            db.Add(resumed);
        }

        await db.SaveChangesAsync(cancellationToken);
        return resumed.Id;
    }

    /// <summary>The next customers with invoices overdue to the first level, and what is due for each.</summary>
    private async Task<IReadOnlyList<Guid>> OverdueBatchAsync(OnboardingDbContext db, DunningRun run, CancellationToken cancellationToken)
    {
        var threshold = CustomerEscalation.OverdueThreshold(run.AsOf);
        var overdue = db.Set<ReceivableItem>().AsNoTracking().Where(i => i.Kind == ReceivableKind.Invoice && i.IsOpen && i.DueDate <= threshold);
        var ids = await After(overdue, run.LastCustomerId).Select(i => i.CustomerId).Distinct().OrderBy(id => id).Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return ids;
        }

        var (first, last) = (ids[0], ids[^1]);
        var invoices = await overdue.Where(i => i.CustomerId.CompareTo(first) >= 0 && i.CustomerId.CompareTo(last) <= 0)
            .Select(i => new { i.Id, i.CustomerId, i.DueDate, i.AmountMinor, i.OpenMinor, i.DunningLevel })
            .ToListAsync(cancellationToken);
        var rows = await db.Set<DunningCase>().AsNoTracking().Where(c => c.CustomerId.CompareTo(first) >= 0 && c.CustomerId.CompareTo(last) <= 0)
            .ToDictionaryAsync(c => c.CustomerId, cancellationToken);
        var moving = new List<Guid>();
        foreach (var customer in invoices.GroupBy(i => i.CustomerId))
        {
            var level = CustomerEscalation.Evaluator.Evaluate(customer.Select(i => new Credit.Dunning.OpenInvoice(i.Id.ToString(), i.DueDate!.Value,
                i.AmountMinor / 100m, i.OpenMinor / 100m, i.DunningLevel)), run.AsOf).CustomerLevel;
            run.CustomersEvaluated++;
            if (CustomerEscalation.Decide(level, rows.GetValueOrDefault(customer.Key), run.AsOf) != EscalationStep.None)
            {
                moving.Add(customer.Key);
            }
        }

        await StepAllAsync(db, run, moving, (e, id, ct) => e.EscalateAsync(id, run.AsOf, ct), cancellationToken);
        return ids;
    }

    /// <summary>The next running cases; those of customers with nothing overdue any more are cleared.</summary>
    private async Task<IReadOnlyList<Guid>> ClearedBatchAsync(OnboardingDbContext db, DunningRun run, CancellationToken cancellationToken)
    {
        var running = db.Set<DunningCase>().AsNoTracking().Where(c => c.Status == DunningCaseStatus.Running);
        if (run.LastCustomerId is { } after)
        {
            running = running.Where(c => c.CustomerId.CompareTo(after) > 0);
        }

        var ids = await running.OrderBy(c => c.CustomerId).Select(c => c.CustomerId).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return ids;
        }

        var threshold = CustomerEscalation.OverdueThreshold(run.AsOf);
        var stillOverdue = await db.Set<ReceivableItem>().AsNoTracking()
            .Where(i => i.Kind == ReceivableKind.Invoice && i.IsOpen && ids.Contains(i.CustomerId) && i.DueDate <= threshold)
            .Select(i => i.CustomerId).Distinct().ToListAsync(cancellationToken);
        await StepAllAsync(db, run, ids.Except(stillOverdue).ToList(), (e, id, ct) => e.ClearAsync(id, run.AsOf, ct), cancellationToken);
        return ids;
    }

    private static IQueryable<ReceivableItem> After(IQueryable<ReceivableItem> items, Guid? last) =>
        last is { } after ? items.Where(i => i.CustomerId.CompareTo(after) > 0) : items;

    /// <summary>
    /// The steps of a batch's customers, several at once where the database takes concurrent
    /// writers (<see cref="DunningOptions.Parallelism"/>): each customer is a unit of work of its
    /// own, and the customers of a batch are distinct, so no two steps touch the same case. The
    /// batch's checkpoint is written after all of them, as before.
    /// </summary>
    private async Task StepAllAsync(OnboardingDbContext db, DunningRun run, IReadOnlyList<Guid> customers,
        Func<CustomerEscalation, Guid, CancellationToken, Task<EscalationStep>> step, CancellationToken cancellationToken)
    {
        var steps = new EscalationStep[customers.Count];
        var degree = options.Value.Parallelism > 0 ? options.Value.Parallelism
            : db.Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true ? 1 : 4;
        await Parallel.ForEachAsync(Enumerable.Range(0, customers.Count),
            new ParallelOptions { MaxDegreeOfParallelism = degree, CancellationToken = cancellationToken },
            async (i, token) => steps[i] = await InOwnScopeAsync((e, ct) => step(e, customers[i], ct), token));
        foreach (var done in steps)
        {
            Count(run, done);
        }
    }

    /// <summary>
    /// One customer's step in a unit of work of its own. A conflict means another job or request
    /// moved the same case at the same moment: it did the work, and the next run sees the result.
    /// </summary>
    private async Task<EscalationStep> InOwnScopeAsync(Func<CustomerEscalation, CancellationToken, Task<EscalationStep>> step, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await step(scope.ServiceProvider.GetRequiredService<CustomerEscalation>(), cancellationToken);
        }
        catch (Exception ex) when (ex is ConcurrencyException or DbUpdateException)
        {
            return EscalationStep.NotWaiting;
        }
    }

    private static void Count(DunningRun run, EscalationStep step)
    {
        switch (step)
        {
            case EscalationStep.Started:
                run.CasesStarted++;
                break;
            case EscalationStep.Raised:
                run.LevelsRaised++;
                break;
            case EscalationStep.Cleared:
                run.CasesCleared++;
                break;
        }
    }
}
