using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Data.Engine;

/// <summary>
/// External tasks: bookmark rows of kind External, fetched by topic and locked in their lock
/// columns only (the instance row and its revision are not touched). Several servers on one
/// database lock each task once: PostgreSQL reads the candidates with <c>FOR UPDATE SKIP LOCKED</c>
/// and SQL Server with <c>(UPDLOCK, READPAST, ROWLOCK)</c>, so a concurrent fetch skips the rows
/// another is locking and both lock in the same transaction they read in; SQLite has one writer
/// at a time, and the fetch's transaction holds the write lock from its start.
/// </summary>
public sealed partial class EfInstanceStore
{
    private static readonly string ExternalKind = BookmarkKind.External.ToString();

    public async Task<IReadOnlyList<ExternalTaskRecord>> LockExternalTasksAsync(ExternalTaskLockRequest request, CancellationToken cancellationToken = default)
    {
        var durations = request.Topics.GroupBy(t => t.TopicName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().LockDuration, StringComparer.Ordinal);
        var provider = db.Database.ProviderName ?? string.Empty;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rowLocking = provider.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) || provider.Contains("SqlServer", StringComparison.OrdinalIgnoreCase);
            var locked = rowLocking
                ? await ReadLockingAsync(request, durations.Keys.ToList(), provider.Contains("Npgsql", StringComparison.OrdinalIgnoreCase), cancellationToken)
                : await ReadFetchableAsync(request, durations.Keys.ToList(), cancellationToken);

            // One UPDATE per topic (its lock duration), of rows this transaction alone may change now.
            foreach (var topic in locked.GroupBy(c => c.Topic!))
            {
                var ids = topic.Select(c => c.Id).ToList();
                var expires = request.Now + durations[topic.Key];
                await db.Set<WorkflowBookmarkEntity>().Where(b => ids.Contains(b.Id))
                    .ExecuteUpdateAsync(u => u.SetProperty(b => b.LockOwner, request.WorkerId).SetProperty(b => b.LockExpiresAt, expires), cancellationToken);
                foreach (var row in topic)
                {
                    (row.LockOwner, row.LockExpiresAt) = (request.WorkerId, expires);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return (IReadOnlyList<ExternalTaskRecord>)locked.Select(ToRecord).ToList();
        });
    }

    /// <summary>Reads the candidates and row-locks them for this transaction, skipping rows another transaction has locked.</summary>
    private async Task<List<WorkflowBookmarkEntity>> ReadLockingAsync(ExternalTaskLockRequest request, List<string> topics, bool postgres, CancellationToken cancellationToken)
    {
        var table = RowTable.Of<WorkflowBookmarkEntity>(db);
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        var parameters = new List<DbParameter>
        {
            table.Parameter(factory, nameof(WorkflowBookmarkEntity.Kind), "k", ExternalKind),
            table.Parameter(factory, nameof(WorkflowBookmarkEntity.LockExpiresAt), "now", request.Now),
        };
        var topicList = new List<string>();
        for (var i = 0; i < topics.Count; i++)
        {
            parameters.Add(table.Parameter(factory, nameof(WorkflowBookmarkEntity.Topic), "t" + i, topics[i]));
            topicList.Add(table.Placeholder("t" + i));
        }

        string C(string property) => table.Column(property);
        var where = $" WHERE {C(nameof(WorkflowBookmarkEntity.Kind))} = {table.Placeholder("k")} AND {C(nameof(WorkflowBookmarkEntity.Topic))} IN ({string.Join(", ", topicList)})"
            + $" AND ({C(nameof(WorkflowBookmarkEntity.Retries))} IS NULL OR {C(nameof(WorkflowBookmarkEntity.Retries))} > 0)"
            + $" AND ({C(nameof(WorkflowBookmarkEntity.LockExpiresAt))} IS NULL OR {C(nameof(WorkflowBookmarkEntity.LockExpiresAt))} <= {table.Placeholder("now")})";
        var order = request.UsePriority
            ? $" ORDER BY {C(nameof(WorkflowBookmarkEntity.Priority))} DESC, {C(nameof(WorkflowBookmarkEntity.Id))}"
            : $" ORDER BY {C(nameof(WorkflowBookmarkEntity.Id))}";
        var max = request.MaxTasks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sql = postgres
            ? $"SELECT * FROM {table.Name}{where}{order} LIMIT {max} FOR UPDATE SKIP LOCKED"
            : $"SELECT TOP ({max}) * FROM {table.Name} WITH (UPDLOCK, READPAST, ROWLOCK){where}{order}";
        return await db.Set<WorkflowBookmarkEntity>().FromSqlRaw(sql, parameters.Cast<object>().ToArray()).AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>
    /// SQLite: the candidates, read in a transaction that began with the database's write lock
    /// (<c>BEGIN IMMEDIATE</c>), so no other fetch or commit can change them before they are locked.
    /// </summary>
    private async Task<List<WorkflowBookmarkEntity>> ReadFetchableAsync(ExternalTaskLockRequest request, List<string> topics, CancellationToken cancellationToken)
    {
        var query = Fetchable(request.Now).Where(b => topics.Contains(b.Topic!));
        query = request.UsePriority ? query.OrderByDescending(b => b.Priority).ThenBy(b => b.Id) : query.OrderBy(b => b.Id);
        return await query.Take(request.MaxTasks).ToListAsync(cancellationToken);
    }

    /// <summary>External tasks a fetch may lock at <paramref name="now"/>: retries not spent, no lock or an expired one.</summary>
    private IQueryable<WorkflowBookmarkEntity> Fetchable(DateTimeOffset now) =>
        db.Set<WorkflowBookmarkEntity>().AsNoTracking()
            .Where(b => b.Kind == ExternalKind && (b.Retries == null || b.Retries > 0) && (b.LockExpiresAt == null || b.LockExpiresAt <= now));

    /// <summary>
    /// Claims a due timer or job with one conditional UPDATE of its lock columns: it changes the row
    /// only while no other sweep's claim holds, so of several servers one claims it.
    /// </summary>
    public async Task<bool> ClaimDueAsync(BookmarkRef due, string owner, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var id = due.BookmarkId;
        var changed = await db.Set<WorkflowBookmarkEntity>()
            .Where(b => b.Id == id && b.DueAt != null && (b.LockExpiresAt == null || b.LockExpiresAt <= now))
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.LockOwner, owner).SetProperty(b => b.LockExpiresAt, until), cancellationToken);
        return changed == 1;
    }

    public async Task ReleaseClaimAsync(string bookmarkId, string owner, CancellationToken cancellationToken = default) =>
        await db.Set<WorkflowBookmarkEntity>().Where(b => b.Id == bookmarkId && b.LockOwner == owner)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.LockOwner, (string?)null).SetProperty(b => b.LockExpiresAt, (DateTimeOffset?)null), cancellationToken);

    /// <summary>The instances in one query (a fetch hands out the variables of each locked task's instance).</summary>
    public async Task<IReadOnlyList<ProcessInstance>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default) =>
        await ReadInstancesAsync(ids.Distinct().ToList(), cancellationToken);

    public async Task<ExternalTaskRecord?> FindExternalTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var row = await db.Set<WorkflowBookmarkEntity>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == taskId && b.Kind == ExternalKind, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    public async Task<bool> ChangeExternalTaskLockAsync(string taskId, string workerId, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var owner = expiresAt is null ? null : workerId;
        var changed = await db.Set<WorkflowBookmarkEntity>()
            .Where(b => b.Id == taskId && b.Kind == ExternalKind && b.LockOwner == workerId && b.LockExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.LockOwner, owner).SetProperty(b => b.LockExpiresAt, expiresAt), cancellationToken);
        return changed == 1;
    }

    public async Task<IReadOnlyList<ExternalTaskRecord>> QueryExternalTasksAsync(ExternalTaskQuery query, CancellationToken cancellationToken = default)
    {
        var now = query.Now;
        var rows = db.Set<WorkflowBookmarkEntity>().AsNoTracking().Where(b => b.Kind == ExternalKind);
        if (query.Topic is { } topic)
        {
            rows = rows.Where(b => b.Topic == topic);
        }

        if (query.InstanceId is { } instanceId)
        {
            rows = rows.Where(b => b.InstanceId == instanceId);
        }

        rows = query.Locked switch
        {
            true => rows.Where(b => b.LockOwner != null && b.LockExpiresAt > now),
            false => rows.Where(b => b.LockOwner == null || b.LockExpiresAt == null || b.LockExpiresAt <= now),
            null => rows,
        };
        rows = query.NoRetriesLeft switch
        {
            true => rows.Where(b => b.Retries == 0),
            false => rows.Where(b => b.Retries == null || b.Retries > 0),
            null => rows,
        };
        var found = await rows.OrderBy(b => b.Id).Take(query.Limit).ToListAsync(cancellationToken);
        return found.Select(ToRecord).ToList();
    }

    private static ExternalTaskRecord ToRecord(WorkflowBookmarkEntity row) => new()
    {
        Id = row.Id,
        InstanceId = row.InstanceId,
        ElementId = row.ElementId,
        Topic = row.Topic ?? string.Empty,
        Priority = row.Priority,
        Retries = row.Retries,
        LockOwner = row.LockOwner,
        LockExpiresAt = row.LockExpiresAt,
    };
}
