using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Data.Engine;

/// <summary>
/// Thrown messages and signals kept until delivered (the engine's <see cref="Dispatch"/>): a row
/// per dispatch, written in its thrower's commit, and a row per target it reached, written in that
/// target's commit under a key of the pair, so a second delivery to the same target fails its commit.
/// </summary>
public sealed partial class EfInstanceStore
{
    public async Task<IReadOnlyList<Dispatch>> FindDueDispatchesAsync(DateTimeOffset until, int max, CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<WorkflowDispatchEntity>().AsNoTracking().Where(d => d.DueAt <= until)
            .OrderBy(d => d.DueAt).ThenBy(d => d.Id).Take(max).ToListAsync(cancellationToken);
        return rows.Select(ToDispatch).ToList();
    }

    public async Task<bool> PostponeDispatchAsync(Guid dispatchId, DateTimeOffset expectedDueAt, DateTimeOffset dueAt, int attempts, string? lastError,
        CancellationToken cancellationToken = default)
    {
        var changed = await db.Set<WorkflowDispatchEntity>().Where(d => d.Id == dispatchId && d.DueAt == expectedDueAt)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.DueAt, dueAt).SetProperty(d => d.Attempts, attempts).SetProperty(d => d.LastError, lastError), cancellationToken);
        return changed == 1;
    }

    public async Task<IReadOnlySet<string>> FindDeliveriesAsync(Guid dispatchId, CancellationToken cancellationToken = default)
    {
        var targets = await db.Set<WorkflowDispatchDeliveryEntity>().AsNoTracking().Where(d => d.DispatchId == dispatchId).Select(d => d.Target).ToListAsync(cancellationToken);
        return targets.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The commit's dispatches, the deliveries it records, and the dispatches it finished (with their deliveries).</summary>
    private static void WriteDispatches(WriteBatch batch, DbContext db, WorkflowCommit commit)
    {
        batch.Insert(commit.Deliveries.Select(d => new WorkflowDispatchDeliveryEntity { DispatchId = d.DispatchId, Target = d.Target }).ToList());
        batch.Insert(commit.Dispatches.Select(d => new WorkflowDispatchEntity
        {
            Id = d.Id,
            Kind = d.Kind.ToString(),
            Name = d.Name,
            CorrelationKey = d.CorrelationKey,
            VariablesJson = d.Variables is null ? null : JsonSerializer.Serialize(d.Variables, InstanceJson.Options),
            Actor = d.Actor,
            SourceInstanceId = d.SourceInstanceId,
            CreatedAt = d.CreatedAt,
            DueAt = d.DueAt,
            Attempts = d.Attempts,
            LastError = d.LastError,
        }).ToList());

        if (commit.DeliveredDispatches.Count == 0)
        {
            return;
        }

        var deliveries = RowTable.Of<WorkflowDispatchDeliveryEntity>(db);
        var dispatches = RowTable.Of<WorkflowDispatchEntity>(db);
        foreach (var chunk in commit.DeliveredDispatches.Chunk(dispatches.MaxParameters))
        {
            var placeholders = string.Join(", ", chunk.Select((_, i) => dispatches.Placeholder("w" + i)));
            batch.Add($"DELETE FROM {deliveries.Name} WHERE {deliveries.Column(nameof(WorkflowDispatchDeliveryEntity.DispatchId))} IN ({placeholders})",
                chunk.Select((id, i) => batch.Parameter(deliveries, nameof(WorkflowDispatchDeliveryEntity.DispatchId), i, id)).ToList());
            batch.Add($"DELETE FROM {dispatches.Name} WHERE {dispatches.Column(nameof(WorkflowDispatchEntity.Id))} IN ({placeholders})",
                chunk.Select((id, i) => batch.Parameter(dispatches, nameof(WorkflowDispatchEntity.Id), i, id)).ToList());
        }
    }

    private static Dispatch ToDispatch(WorkflowDispatchEntity row) => new()
    {
        Id = row.Id,
        Kind = Enum.Parse<DispatchKind>(row.Kind),
        Name = row.Name,
        CorrelationKey = row.CorrelationKey,
        Variables = row.VariablesJson is null ? null : Variables.ParseObject(row.VariablesJson),
        Actor = row.Actor,
        SourceInstanceId = row.SourceInstanceId,
        CreatedAt = row.CreatedAt,
        DueAt = row.DueAt,
        Attempts = row.Attempts,
        LastError = row.LastError,
    };
}
