namespace OnboardingWorkflow.Engine.Stores;

/// <summary>What a dispatch carries: a message to correlate or a signal to broadcast.</summary>
public enum DispatchKind
{
    Message,
    Signal,
}

/// <summary>
/// A message or signal thrown by an instance, kept in the store until every receiver has it. It is
/// written in the thrower's own commit, so a crash after that commit cannot lose it: the engine
/// delivers it right after the commit, and the timers sweep delivers what is still there once it is
/// due. Each receiver's commit records its delivery (<see cref="WorkflowCommit.Deliveries"/>), so a
/// receiver gets it once even when the delivery is run again.
/// </summary>
public sealed record Dispatch
{
    public required Guid Id { get; init; }
    public required DispatchKind Kind { get; init; }
    public required string Name { get; init; }

    /// <summary>The message's correlation key; null for a signal, or a message to every receiver of its name.</summary>
    public string? CorrelationKey { get; init; }

    public IReadOnlyDictionary<string, object?>? Variables { get; init; }
    public string? Actor { get; init; }
    public Guid? SourceInstanceId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the sweep may deliver it: after a grace for the thrower's own delivery, later after each failed try.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Failed tries so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Why the last try failed.</summary>
    public string? LastError { get; init; }

    /// <summary>How the delivery record of a receiving instance begins.</summary>
    public const string InstanceTargetPrefix = "instance:";

    /// <summary>The delivery record of a receiving instance.</summary>
    public static string InstanceTarget(Guid instanceId) => InstanceTargetPrefix + instanceId.ToString("N");

    /// <summary>The delivery record of a start event it starts (a stored process key and element id are at most 200 characters each).</summary>
    public static string StartTarget(string processKey, string elementId) => $"start:{processKey}:{elementId}";
}
