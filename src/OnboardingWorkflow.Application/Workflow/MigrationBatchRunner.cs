using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.Workflow;

/// <summary>
/// Works through a migration batch, <see cref="ChunkSize"/> instances per unit of work, each chunk
/// in a scope of its own. A chunk's instances, their audit entries and the batch's new counts are
/// one transaction, so the progress shown is exactly what moved, and Migrated + Skipped + Failed is
/// the position in the batch's id list: a job killed mid-batch resumes at the first chunk it had
/// not committed. When a chunk loses a race (an instance moved on meanwhile), nothing of it is
/// written and its instances are taken one by one, each checked again on what it is now; one that
/// keeps changing, or breaks, is counted as failed with the reason and the batch goes on.
/// Idempotent: a finished batch is not run again.
/// </summary>
public sealed class MigrationBatchRunner(IServiceScopeFactory scopes)
{
    public const int ChunkSize = 50;

    public async Task<MigrationBatchView> RunAsync(Guid batchId, CancellationToken cancellationToken)
    {
        if (await UpdateAsync(batchId, (b, _) =>
            {
                if (b.State is WorkflowMigrationBatchState.Queued)
                {
                    b.State = WorkflowMigrationBatchState.Running;
                }
            }, cancellationToken) is { State: WorkflowMigrationBatchState.Completed or WorkflowMigrationBatchState.Failed } done)
        {
            return MigrationBatchView.Of(done);
        }

        try
        {
            while (await RunChunkAsync(batchId, cancellationToken))
            {
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The batch cannot go on (the database is gone, the target version vanished): say so, keep the counts.
            await UpdateAsync(batchId, (b, now) => Finish(b, now, WorkflowMigrationBatchState.Failed, [new MigrationFailure(Guid.Empty, $"The batch stopped: {ex.Message}")]),
                CancellationToken.None);
            throw;
        }

        return MigrationBatchView.Of(await UpdateAsync(batchId, (b, now) => Finish(b, now, WorkflowMigrationBatchState.Completed, []), cancellationToken));
    }

    private static void Finish(WorkflowMigrationBatch batch, DateTimeOffset now, WorkflowMigrationBatchState state, IReadOnlyList<MigrationFailure> failures)
    {
        batch.State = state;
        batch.FinishedAt = now;
        batch.FailuresJson = MigrationBatchJson.Append(batch.FailuresJson, failures);
    }

    /// <summary>Moves the next chunk; false when the batch has none left.</summary>
    private async Task<bool> RunChunkAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var cases = scope.ServiceProvider.GetRequiredService<CaseFile>();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        var batch = await cases.Db.Set<WorkflowMigrationBatch>().AsNoTracking().FirstAsync(b => b.Id == batchId, cancellationToken);
        var position = batch.Migrated + batch.Skipped + batch.Failed;
        var chunk = MigrationBatchJson.Ids(batch.InstanceIdsJson).Skip(position).Take(ChunkSize).ToList();
        if (chunk.Count == 0)
        {
            return false;
        }

        var mapping = MigrationBatchJson.Mapping(batch.MappingJson);

        // An instance of another process or version is not this plan's to move; the engine would judge it against its own process.
        var rows = await cases.Db.Set<WorkflowInstanceEntity>().AsNoTracking().Where(i => chunk.Contains(i.Id))
            .Select(i => new { i.Id, i.ProcessKey, i.ProcessVersion }).ToDictionaryAsync(i => i.Id, cancellationToken);
        var outside = chunk.Where(id => rows.TryGetValue(id, out var row) && (row.ProcessKey != batch.ProcessKey || (row.ProcessVersion != batch.FromVersion && row.ProcessVersion != batch.ToVersion)))
            .ToDictionary(id => id, id => $"It runs {rows[id].ProcessKey} version {rows[id].ProcessVersion}, not {batch.ProcessKey} version {batch.FromVersion}.");
        var movable = chunk.Where(id => !outside.ContainsKey(id)).ToList();

        try
        {
            await engine.MigrateAsync(movable, batch.ToVersion, mapping, batch.StartedBy,
                results => RecordAsync(cases, batchId, results, outside, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing of the chunk was written (the store cleared what it tracked): one by one now.
            cases.Db.ChangeTracker.Clear();
            await RecordAsync(cases, batchId, [], outside, cancellationToken);
            await cases.Db.SaveChangesAsync(cancellationToken);
            foreach (var id in movable)
            {
                await MigrateOneAsync(cases, engine, batch, mapping, id, cancellationToken);
            }
        }

        return true;
    }

    private static async Task MigrateOneAsync(CaseFile cases, WorkflowEngine engine, WorkflowMigrationBatch batch, IReadOnlyDictionary<string, string> mapping, Guid id,
        CancellationToken cancellationToken)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await engine.MigrateAsync([id], batch.ToVersion, mapping, batch.StartedBy,
                    results => RecordAsync(cases, batch.Id, results, new Dictionary<Guid, string>(), cancellationToken), cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                cases.Db.ChangeTracker.Clear();
                last = ex;
                if (ex is not ConcurrencyException)
                {
                    break;
                }
            }
        }

        var reason = last is ConcurrencyException
            ? "It kept changing while it was being migrated (a task was completed or a timer fired at the same time); migrate it again in a new batch."
            : $"It could not be migrated: {last!.Message}";
        var failure = new MigrationFailure(id, reason);
        await UpdateAsync(cases, batch.Id, (b, _) =>
        {
            b.Failed++;
            b.FailuresJson = MigrationBatchJson.Append(b.FailuresJson, [failure]);
        }, cancellationToken);
    }

    /// <summary>Adds a chunk's outcomes to the batch and audits each moved instance, in the unit of work about to commit.</summary>
    private static async Task RecordAsync(CaseFile cases, Guid batchId, IReadOnlyList<MigrationResult> results, IReadOnlyDictionary<Guid, string> outside,
        CancellationToken cancellationToken)
    {
        var batch = await cases.Db.Set<WorkflowMigrationBatch>().FirstAsync(b => b.Id == batchId, cancellationToken);
        var failures = new List<MigrationFailure>();
        foreach (var result in results)
        {
            switch (result.Status)
            {
                case MigrationStatus.Migrated:
                    batch.Migrated++;
                    cases.Audit(batch.StartedBy, "instance.migrated", "WorkflowInstance", result.InstanceId.ToString(),
                        detail: $"{batch.ProcessKey} from version {batch.FromVersion} to {batch.ToVersion}, batch {batch.Id}");
                    break;
                case MigrationStatus.AlreadyOnTarget:
                    batch.Skipped++;
                    break;
                case MigrationStatus.NotFound:
                    batch.Failed++;
                    failures.Add(new MigrationFailure(result.InstanceId, string.Join(" ", result.Reasons)));
                    break;
                default:
                    batch.Skipped++;
                    failures.Add(new MigrationFailure(result.InstanceId, string.Join(" ", result.Reasons)));
                    break;
            }
        }

        foreach (var (id, reason) in outside)
        {
            batch.Skipped++;
            failures.Add(new MigrationFailure(id, reason));
        }

        batch.FailuresJson = MigrationBatchJson.Append(batch.FailuresJson, failures);
    }

    private async Task<WorkflowMigrationBatch> UpdateAsync(Guid batchId, Action<WorkflowMigrationBatch, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await UpdateAsync(scope.ServiceProvider.GetRequiredService<CaseFile>(), batchId, change, cancellationToken);
    }

    private static async Task<WorkflowMigrationBatch> UpdateAsync(CaseFile cases, Guid batchId, Action<WorkflowMigrationBatch, DateTimeOffset> change,
        CancellationToken cancellationToken)
    {
        var batch = await cases.Db.Set<WorkflowMigrationBatch>().FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken)
            ?? throw new InvalidOperationException($"Migration batch {batchId} does not exist.");
        change(batch, cases.Now);
        await cases.Db.SaveChangesAsync(cancellationToken);
        return batch;
    }
}
