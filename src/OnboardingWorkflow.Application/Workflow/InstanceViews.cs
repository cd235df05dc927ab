using OnboardingWorkflow.Engine.History;

namespace OnboardingWorkflow.Application.Workflow;

/// <summary>One deployed version of a process, without its XML (that travels over its own endpoint).</summary>
public sealed record DefinitionVersionView(string Key, string? Name, int Version, DateTimeOffset DeployedAt, string? ResourceName);

/// <summary>How many tokens wait and how many incidents are open at one element of a version.</summary>
public sealed record ElementStatistic(string ElementId, string? ElementName, int WaitingTokens, int OpenIncidents);

/// <summary>The per-element counts of one deployed version, for the diagram overlays and the table beside it.</summary>
public sealed record VersionStatistics(string Key, int Version, int RunningInstances, IReadOnlyList<ElementStatistic> Elements);

/// <summary>Filter and page of the instance list; null members do not filter.</summary>
public sealed record InstanceListQuery
{
    public string? ProcessKey { get; init; }

    /// <summary>Running, Completed, Terminated or Failed (the engine's instance status).</summary>
    public string? Status { get; init; }

    public string? BusinessKey { get; init; }
    public DateOnly? StartedFrom { get; init; }
    public DateOnly? StartedTo { get; init; }
    public bool? HasIncident { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

/// <summary>One row of the instance list.</summary>
public sealed record InstanceSummary(Guid Id, string ProcessKey, int ProcessVersion, string? BusinessKey, string Status, DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt, int OpenIncidents);

/// <summary>A token of the activity tree: where it stands, in which scope.</summary>
public sealed record TokenView(string Id, string ElementId, string? ElementName, string State);

/// <summary>A scope of the activity tree (the process, a sub-process, a multi-instance body) with its tokens and child scopes.</summary>
public sealed record ScopeView(string Id, string Kind, string ElementId, string? ElementName, IReadOnlyList<TokenView> Tokens, IReadOnlyList<ScopeView> Children);

/// <summary>What an instance waits for: a user task, a timer or a message.</summary>
public sealed record WaitingView(string BookmarkId, string Kind, string ElementId, DateTimeOffset? DueAt, string? MessageName, string? Assignee);

/// <summary>Everything the instance page shows. <see cref="ApplicationId"/> is set when the business key names an onboarding application.</summary>
public sealed record InstanceDetail(Guid Id, string ProcessKey, int ProcessVersion, string? BusinessKey, Guid? ApplicationId, string Status,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? StartedBy, ScopeView ActivityTree, IReadOnlyList<WaitingView> Waiting,
    IReadOnlyList<IncidentView> Incidents, IReadOnlyDictionary<string, object?> Variables, IReadOnlyList<HistoryEvent> History)
{
    public bool IsEnded => Status is "Completed" or "Terminated" or "Failed";
}
