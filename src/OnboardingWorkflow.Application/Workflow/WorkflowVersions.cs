using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Parsing;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Application.Workflow;

/// <summary>
/// One deployed version of a process as the version list shows it: who deployed it and why (from
/// the draft it was published from, or the deployment's audit line), where it came from, and how
/// many instances run on it, have open incidents, or have ended.
/// </summary>
/// <param name="Source">The deployed file's name (e.g. "customer-onboarding.bpmn"), or "draft" for a version published from a draft.</param>
/// <param name="Incidents">Open incidents over the version's instances (an instance may have several).</param>
/// <param name="DraftId">The draft the version was published from, if any.</param>
public sealed record ProcessVersionSummary(string ProcessKey, int Version, string? Name, DateTimeOffset DeployedAt, string? DeployedBy, string? Comment, string? Source,
    int Running, int Incidents, int Ended, Guid? DraftId);

/// <summary>
/// The history of one approval flow: its versions with author, comment and instance counts, the
/// XML of each, and what changed between two versions or between a draft and a version (see
/// <see cref="ProcessDiffer"/>). Everything is derived from the definitions, drafts, audit and
/// instance tables as they are; nothing here writes. Admins, auditors and credit managers read
/// versions (<see cref="Policies.WorkflowReaders"/>); a draft's diff is for admins only, as drafts are.
/// </summary>
public sealed class WorkflowVersions(OnboardingDbContext db, WorkflowEngine engine)
{
    /// <summary>The source of a version published from a draft; its deployment's resource name is "draft-{id}.bpmn".</summary>
    public const string DraftSource = "draft";

    private static readonly string[] EndedStatuses = [nameof(InstanceStatus.Completed), nameof(InstanceStatus.Terminated), nameof(InstanceStatus.Failed)];

    /// <summary>Every version of the process, newest first.</summary>
    public async Task<IReadOnlyList<ProcessVersionSummary>> ListAsync(CurrentUser user, string processKey, CancellationToken cancellationToken)
    {
        RequireReader(user);
        var versions = await db.Set<WorkflowDefinitionEntity>().AsNoTracking()
            .Where(d => d.Key == processKey)
            .OrderByDescending(d => d.Version)
            .Select(d => new { d.Version, d.Name, d.DeployedAt, d.ResourceName })
            .ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            throw AppException.NotFound($"Workflow {processKey}");
        }

        var drafts = await db.Set<WorkflowDraft>().AsNoTracking()
            .Where(d => d.ProcessKey == processKey && d.State == WorkflowDraftState.Published && d.PublishedVersion != null)
            .Select(d => new { d.Id, Version = d.PublishedVersion!.Value, d.PublishedBy, d.PublishedAt, d.Comment })
            .ToListAsync(cancellationToken);

        var entityIds = versions.Select(v => EntityId(processKey, v.Version)).ToList();
        var deployments = await db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Action == "workflow.deployed" && e.EntityType == "Workflow" && entityIds.Contains(e.EntityId))
            .Select(e => new { e.Id, e.EntityId, e.Actor })
            .ToListAsync(cancellationToken);
        var deployedBy = deployments.GroupBy(e => e.EntityId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Id).First().Actor, StringComparer.Ordinal);

        // One GROUP BY over the instance rows of this process: counts per version and status.
        var counts = await db.Set<WorkflowInstanceEntity>().AsNoTracking()
            .Where(i => i.ProcessKey == processKey)
            .GroupBy(i => new { i.ProcessVersion, i.Status })
            .Select(g => new { g.Key.ProcessVersion, g.Key.Status, Count = g.Count(), Incidents = g.Sum(i => i.OpenIncidents) })
            .ToListAsync(cancellationToken);

        return [.. versions.Select(v =>
        {
            // Publishing XML identical to the latest version makes no new version, yet the draft
            // records that version: prefer the draft whose deployment made it, else the first published.
            var draft = drafts.Where(d => d.Version == v.Version)
                .OrderByDescending(d => string.Equals(v.ResourceName, DraftResource(d.Id), StringComparison.Ordinal))
                .ThenBy(d => d.PublishedAt)
                .FirstOrDefault();
            var rows = counts.Where(c => c.ProcessVersion == v.Version).ToList();
            return new ProcessVersionSummary(processKey, v.Version, v.Name, v.DeployedAt,
                draft?.PublishedBy ?? deployedBy.GetValueOrDefault(EntityId(processKey, v.Version)),
                draft?.Comment,
                IsDraftResource(v.ResourceName) ? DraftSource : v.ResourceName,
                rows.Where(r => !EndedStatuses.Contains(r.Status)).Sum(r => r.Count),
                rows.Sum(r => r.Incidents),
                rows.Where(r => EndedStatuses.Contains(r.Status)).Sum(r => r.Count),
                draft?.Id);
        })];
    }

    /// <summary>The BPMN XML of one version, exactly as deployed.</summary>
    public async Task<string> XmlAsync(CurrentUser user, string processKey, int version, CancellationToken cancellationToken)
    {
        RequireReader(user);
        return (await FindAsync(processKey, version, null, cancellationToken)).Xml;
    }

    /// <summary>What changed from one version to another; the same version twice gives no changes.</summary>
    public async Task<ProcessDiff> DiffAsync(CurrentUser user, string processKey, int fromVersion, int toVersion, CancellationToken cancellationToken)
    {
        RequireReader(user);
        var from = await FindAsync(processKey, fromVersion, "from", cancellationToken);
        var to = await FindAsync(processKey, toVersion, "to", cancellationToken);
        var changes = fromVersion == toVersion ? [] : ProcessDiffer.Compare(Deployed(from), Deployed(to));
        return new ProcessDiff(processKey, VersionLabel(fromVersion), VersionLabel(toVersion), changes, fromVersion, toVersion);
    }

    /// <summary>
    /// What a draft would change against a version: <paramref name="againstVersion"/>, else the
    /// version the draft started from, else the latest; against nothing when the process has never
    /// been deployed. A draft whose XML has errors still diffs as long as its process can be read,
    /// since seeing the change is how an admin finds what broke.
    /// </summary>
    public async Task<ProcessDiff> DiffDraftAsync(CurrentUser user, Guid draftId, int? againstVersion, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.Admin, user))
        {
            throw AppException.Forbidden($"{user.Name} may not read drafts of approval flows: only admins may.");
        }

        var draft = await db.Set<WorkflowDraft>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == draftId, cancellationToken)
            ?? throw AppException.NotFound($"Workflow draft {draftId}");
        var document = BpmnParser.Parse(draft.Xml);
        var process = document.ExecutableProcesses.FirstOrDefault(p => p.Key == draft.ProcessKey)
            ?? throw new BpmnValidationException(document.Diagnostics);

        var version = againstVersion ?? draft.BaseVersion ?? (await engine.Options.Definitions.FindLatestAsync(draft.ProcessKey, cancellationToken))?.Version;
        var against = version is { } v ? await FindAsync(draft.ProcessKey, v, "against", cancellationToken) : null;
        var label = string.Create(CultureInfo.InvariantCulture, $"draft (revision {draft.Revision})");
        return new ProcessDiff(draft.ProcessKey, version is { } from ? VersionLabel(from) : "nothing deployed", label,
            ProcessDiffer.Compare(against is null ? null : Deployed(against), process), version, DraftRevision: draft.Revision);
    }

    /// <summary>The resource name a draft's deployment carries (see <see cref="WorkflowDrafts.PublishAsync"/>).</summary>
    public static string DraftResource(Guid draftId) => $"draft-{draftId}.bpmn";

    private static bool IsDraftResource(string? resourceName) =>
        resourceName is { Length: > 11 } name && name.StartsWith("draft-", StringComparison.Ordinal) && name.EndsWith(".bpmn", StringComparison.Ordinal)
        && Guid.TryParse(name.AsSpan(6, name.Length - 11), out _);

    private static string VersionLabel(int version) => string.Create(CultureInfo.InvariantCulture, $"version {version}");

    private static string EntityId(string processKey, int version) => string.Create(CultureInfo.InvariantCulture, $"{processKey}:{version}");

    private static void RequireReader(CurrentUser user)
    {
        if (!Policies.Allows(Policies.WorkflowReaders, user))
        {
            throw AppException.Forbidden($"{user.Name} may not read approval flows: admins, auditors and credit managers may.");
        }
    }

    /// <summary>A deployed version; a missing one is a 404 naming the parameter that asked for it, so the caller knows which side to fix.</summary>
    private async Task<Engine.Stores.DeployedDefinition> FindAsync(string processKey, int version, string? parameter, CancellationToken cancellationToken)
    {
        var definition = await engine.Options.Definitions.FindAsync(processKey, version, cancellationToken);
        if (definition is not null)
        {
            return definition;
        }

        var known = await db.Set<WorkflowDefinitionEntity>().AnyAsync(d => d.Key == processKey, cancellationToken);
        throw AppException.NotFound(!known ? $"Workflow {processKey}"
            : parameter is null ? $"Workflow {processKey} version {version}"
            : $"Workflow {processKey} version {version} (asked for as '{parameter}')");
    }

    /// <summary>The process of a deployed version; deployed XML was valid when it was deployed, so its process is there.</summary>
    private static ProcessDefinition Deployed(Engine.Stores.DeployedDefinition definition) =>
        BpmnParser.Parse(definition.Xml).Processes.FirstOrDefault(p => p.Key == definition.Key)
            ?? throw new InvalidOperationException($"The deployed XML of {definition.Key} version {definition.Version} holds no process {definition.Key}.");
}
