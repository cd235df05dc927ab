using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Application.Workflow;

/// <summary>Which instances move where: from one version of a process to a newer one, with the elements renamed in between (old id to new; ids not named map to themselves).</summary>
public sealed record MigrationPlan(string ProcessKey, int FromVersion, int ToVersion, IReadOnlyDictionary<string, string>? Mapping);

/// <summary>What happens to one waiting element of an instance: its kind ("task", "timer", "message", "token", ...), where it goes, and a short sentence saying how.</summary>
public sealed record ElementMove(string Kind, string FromElementId, string? ToElementId, string Outcome);

/// <summary>Whether one instance can move, why not (each reason names its element), and what happens to each element it waits at.</summary>
public sealed record InstanceMigrationCheck(Guid InstanceId, string? BusinessKey, string Status, bool CanMigrate, IReadOnlyList<string> Reasons, IReadOnlyList<ElementMove> Moves);

/// <summary>A plan tried on every running instance of its version: the counts over all, the checks of one page.</summary>
public sealed record MigrationPreview(MigrationPlan Plan, int Total, int Movable, int Blocked, IReadOnlyList<InstanceMigrationCheck> Instances);

/// <summary>An instance a batch did not move, and why.</summary>
public sealed record MigrationFailure(Guid InstanceId, string Reason);

/// <summary>A migration batch as admins follow it: its state and counts, and the instances that did not move with the reason.</summary>
public sealed record MigrationBatchView(Guid Id, string ProcessKey, int FromVersion, int ToVersion, string State, int Total, int Migrated, int Skipped, int Failed,
    string StartedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, IReadOnlyList<MigrationFailure> Failures)
{
    public static MigrationBatchView Of(WorkflowMigrationBatch b) => new(b.Id, b.ProcessKey, b.FromVersion, b.ToVersion, b.State.ToString(), b.Total, b.Migrated,
        b.Skipped, b.Failed, b.StartedBy, b.CreatedAt, b.FinishedAt, MigrationBatchJson.Failures(b.FailuresJson));
}

/// <summary>Hands a stored batch to the background job that works through it; the server implements it with Hangfire.</summary>
public interface IMigrationBatchQueue
{
    void Enqueue(Guid batchId);
}

/// <summary>
/// Moves running instances of an approval flow to a newer version, like Camunda's migration API:
/// preview a plan (which instances can move, and what happens to each waiting element), then start
/// a batch that a background job works through (<see cref="MigrationBatchRunner"/>). The rules are
/// the engine's (<see cref="WorkflowEngine.CheckMigrationAsync"/>): every element where an
/// instance waits must exist in the target, by id or by the mapping, with the same kind, and an
/// instance with an open incident stays until the incident is resolved. Admin only; the batch and
/// every moved instance are audited, and each instance's history records its migration.
/// </summary>
public sealed class InstanceMigrations(WorkflowEngine engine, CaseFile cases, IMigrationBatchQueue queue)
{
    public const string Entity = "WorkflowMigrationBatch";
    public const int MaxPageSize = 200;
    public const int MaxElementIdLength = 200;

    private static readonly string[] RunningStatuses = [nameof(InstanceStatus.Running), nameof(InstanceStatus.Waiting)];

    /// <summary>Tries the plan on every running instance of its version (counts over all) and answers the checks of one page, in instance id order.</summary>
    public async Task<MigrationPreview> PreviewAsync(CurrentUser user, MigrationPlan plan, int page, int pageSize, CancellationToken cancellationToken)
    {
        Require(user);
        var rules = new InputRules();
        if (page < 1)
        {
            rules.Add("page", "must be 1 or more");
        }

        if (pageSize < 1 || pageSize > MaxPageSize)
        {
            rules.Add("pageSize", $"must be between 1 and {MaxPageSize}");
        }

        var mapping = await ValidateAsync(plan, rules, cancellationToken);
        var checks = new List<InstanceMigrationCheck>();
        int total = 0, movable = 0;
        var first = (page - 1) * pageSize;
        // Every instance is checked for the counts, a slice of rows at a time, so memory stays flat.
        var ids = Running(plan).OrderBy(i => i.Id).Select(i => i.Id);
        const int slice = 500;
        for (var offset = 0; ; offset += slice)
        {
            var part = await ids.Skip(offset).Take(slice).ToListAsync(cancellationToken);
            var read = (await engine.Options.Instances.FindManyAsync(part, cancellationToken)).ToDictionary(i => i.Id);
            foreach (var instance in part.Select(id => read.GetValueOrDefault(id)).OfType<ProcessInstance>())
            {
                var check = await engine.CheckMigrationAsync(instance, plan.ToVersion, mapping, cancellationToken);
                movable += check.CanMigrate ? 1 : 0;
                if (total >= first && checks.Count < pageSize)
                {
                    checks.Add(new InstanceMigrationCheck(instance.Id, instance.BusinessKey, instance.Status.ToString(), check.CanMigrate, check.Reasons,
                        [.. check.Moves.Select(m => new ElementMove(m.Kind, m.FromElementId, m.ToElementId, m.Outcome))]));
                }

                total++;
            }

            if (part.Count < slice)
            {
                break;
            }
        }

        return new MigrationPreview(plan with { Mapping = mapping }, total, movable, total - movable, checks);
    }

    /// <summary>
    /// Stores a batch and queues its job; answers at once. <paramref name="instanceIds"/> null takes
    /// every running instance of the plan's version (those the rules refuse are counted as skipped,
    /// with the reason); named instances are taken as named, and any the rules refuse stay untouched.
    /// </summary>
    public async Task<MigrationBatchView> StartAsync(CurrentUser user, MigrationPlan plan, IReadOnlyList<Guid>? instanceIds, CancellationToken cancellationToken)
    {
        Require(user);
        var rules = new InputRules();
        if (instanceIds is { Count: 0 })
        {
            rules.Add("instanceIds", "must name at least one instance, or be left out to take every running instance of the version");
        }
        else if (instanceIds is { Count: > WorkflowMigrationBatch.MaxInstances })
        {
            rules.Add("instanceIds", $"must name at most {WorkflowMigrationBatch.MaxInstances} instances; split the migration into several batches");
        }

        var mapping = await ValidateAsync(plan, rules, cancellationToken);
        var ids = instanceIds?.Distinct().ToList()
            ?? await Running(plan).OrderBy(i => i.Id).Select(i => i.Id).Take(WorkflowMigrationBatch.MaxInstances + 1).ToListAsync(cancellationToken);
        if (ids.Count > WorkflowMigrationBatch.MaxInstances)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState,
                $"Version {plan.FromVersion} of {plan.ProcessKey} has more than {WorkflowMigrationBatch.MaxInstances} running instances, the most one batch takes: name the instances, in several batches.");
        }

        var batch = new WorkflowMigrationBatch
        {
            Id = Guid.CreateVersion7(),
            ProcessKey = plan.ProcessKey,
            FromVersion = plan.FromVersion,
            ToVersion = plan.ToVersion,
            MappingJson = mapping.Count == 0 ? null : JsonSerializer.Serialize(mapping),
            InstanceIdsJson = JsonSerializer.Serialize(ids),
            Explicit = instanceIds is not null,
            State = WorkflowMigrationBatchState.Queued,
            Total = ids.Count,
            StartedBy = user.Name,
            CreatedAt = cases.Now,
        };
        cases.Db.Set<WorkflowMigrationBatch>().Add(batch);
        cases.Audit(user.Name, "workflow-migration.started", Entity, batch.Id.ToString(),
            detail: $"{plan.ProcessKey} from version {plan.FromVersion} to {plan.ToVersion}, {ids.Count} instance(s){MigrationBatchJson.Describe(mapping)}");
        await cases.Db.SaveChangesAsync(cancellationToken);
        queue.Enqueue(batch.Id);
        return MigrationBatchView.Of(batch);
    }

    public async Task<MigrationBatchView> GetAsync(CurrentUser user, Guid batchId, CancellationToken cancellationToken)
    {
        Require(user);
        var batch = await cases.Db.Set<WorkflowMigrationBatch>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken)
            ?? throw AppException.NotFound($"Migration batch {batchId}");
        return MigrationBatchView.Of(batch);
    }

    /// <summary>The batches of one process (or of all), newest first; at most 100.</summary>
    public async Task<IReadOnlyList<MigrationBatchView>> ListAsync(CurrentUser user, string? processKey, CancellationToken cancellationToken)
    {
        Require(user);
        var batches = cases.Db.Set<WorkflowMigrationBatch>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(processKey))
        {
            batches = batches.Where(b => b.ProcessKey == processKey);
        }

        // Ids are version 7 (time-ordered); sorted again here since SQLite cannot order by a DateTimeOffset column.
        var rows = await batches.OrderByDescending(b => b.Id).Take(100).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(b => b.CreatedAt).Select(MigrationBatchView.Of)];
    }

    private IQueryable<WorkflowInstanceEntity> Running(MigrationPlan plan) =>
        cases.Db.Set<WorkflowInstanceEntity>().AsNoTracking()
            .Where(i => i.ProcessKey == plan.ProcessKey && i.ProcessVersion == plan.FromVersion && RunningStatuses.Contains(i.Status));

    /// <summary>
    /// Checks the plan against the deployed versions and answers its mapping without the entries
    /// that map an id to itself. Every field at fault is named in one answer; a mapping entry that
    /// names an element absent from either version is refused with the code <see cref="ErrorCodes.MigrationMappingInvalid"/>.
    /// </summary>
    private async Task<Dictionary<string, string>> ValidateAsync(MigrationPlan? plan, InputRules rules, CancellationToken cancellationToken)
    {
        if (plan is null)
        {
            throw AppException.InvalidField("plan", FieldText.Format(FieldText.Keys.PlanRequired));
        }

        var key = rules.Text("processKey", plan.ProcessKey, MaxElementIdLength, required: true);
        if (plan.ToVersion <= plan.FromVersion)
        {
            rules.Add("toVersion", $"must be newer than fromVersion ({plan.FromVersion}): instances only move forward");
        }

        var mapping = plan.Mapping ?? new Dictionary<string, string>();
        if (mapping.Count > WorkflowEngine.MaxMigrationMappings)
        {
            rules.Add("mapping", $"must rename at most {WorkflowEngine.MaxMigrationMappings} elements; it has {mapping.Count}");
        }

        foreach (var (from, to) in mapping.Take(WorkflowEngine.MaxMigrationMappings + 1))
        {
            if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to) || from.Length > MaxElementIdLength || to.Length > MaxElementIdLength)
            {
                rules.Add("mapping", $"'{Shown(from)}' -> '{Shown(to)}': both ids are required, each at most {MaxElementIdLength} characters");
            }
        }

        rules.ThrowIfAny();
        var source = await VersionAsync(key!, plan.FromVersion, "fromVersion", cancellationToken);
        var target = await VersionAsync(key!, plan.ToVersion, "toVersion", cancellationToken);
        var problems = new List<string>();
        foreach (var (from, to) in mapping)
        {
            if (!source.HasElement(from))
            {
                problems.Add($"'{from}' -> '{to}': '{from}' is not an element of version {plan.FromVersion}; use an id from the old version");
            }

            if (!target.HasElement(to))
            {
                problems.Add($"'{from}' -> '{to}': '{to}' is not an element of version {plan.ToVersion}; use an id from the new version");
            }
        }

        if (problems.Count > 0)
        {
            throw AppException.InvalidFields(new Dictionary<string, string[]> { ["mapping"] = [.. problems] }, ErrorCodes.MigrationMappingInvalid);
        }

        return mapping.Where(m => m.Key != m.Value).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
    }

    private async Task<ProcessDefinition> VersionAsync(string key, int version, string field, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.GetDefinitionAsync(key, version, cancellationToken);
        }
        catch (ProcessNotFoundException)
        {
            throw AppException.InvalidField(field, FieldText.Format(FieldText.Keys.NoSuchVersion, key, version));
        }
    }

    private static string Shown(string? id) => id is null ? "" : id.Length > 40 ? id[..40] + "…" : id;

    private static void Require(CurrentUser user)
    {
        if (!Policies.Allows(Policies.Admin, user))
        {
            throw AppException.Forbidden($"{user.Name} may not migrate workflow instances: only admins may.");
        }
    }
}

/// <summary>The JSON columns of a batch: its mapping, its instance ids and its bounded list of failures.</summary>
internal static class MigrationBatchJson
{
    public const int MaxReasonLength = 500;

    public static IReadOnlyList<MigrationFailure> Failures(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<MigrationFailure>>(json, CaseFile.Json) ?? [];

    public static Dictionary<string, string> Mapping(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    public static List<Guid> Ids(string json) => JsonSerializer.Deserialize<List<Guid>>(json) ?? [];

    /// <summary>Adds failures up to the bound; the counts stay exact beyond it.</summary>
    public static string? Append(string? json, IEnumerable<MigrationFailure> failures)
    {
        var list = Failures(json).ToList();
        foreach (var failure in failures)
        {
            if (list.Count >= WorkflowMigrationBatch.MaxListedFailures)
            {
                break;
            }

            var reason = failure.Reason.Length > MaxReasonLength ? failure.Reason[..MaxReasonLength] : failure.Reason;
            list.Add(failure with { Reason = reason });
        }

        return list.Count == 0 ? null : JsonSerializer.Serialize(list, CaseFile.Json);
    }

    public static string Describe(IReadOnlyDictionary<string, string> mapping) =>
        mapping.Count == 0 ? "" : "; mapping: " + string.Join(", ", mapping.Select(m => $"{m.Key} -> {m.Value}"));
}
