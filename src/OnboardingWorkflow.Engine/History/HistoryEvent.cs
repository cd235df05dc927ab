namespace OnboardingWorkflow.Engine.History;

/// <summary>Names of history events; stable, since the audit trail and tools match on them.</summary>
public static class HistoryEventTypes
{
    public const string InstanceStarted = "instanceStarted";
    public const string Activated = "activated";
    public const string Waiting = "waiting";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string TimerFired = "timerFired";
    public const string MessageReceived = "messageReceived";
    public const string SignalReceived = "signalReceived";
    public const string Triggered = "triggered";
    public const string ConditionMet = "conditionMet";
    public const string SignalThrown = "signalThrown";
    public const string ErrorThrown = "errorThrown";
    public const string EscalationThrown = "escalationThrown";

    /// <summary>Compensation starts for a completed activity: its element; the detail names the handler, or says its inner activities are compensated.</summary>
    public const string CompensationThrown = "compensationThrown";

    /// <summary>A cancel end event cancels its transaction: the transaction's element; the detail names the cancel end event.</summary>
    public const string TransactionCancelled = "transactionCancelled";
    /// <summary>
    /// A try of an async job failed and was rolled back: the job's element; the detail gives the
    /// attempt, where it failed when elsewhere, the next try (or none left) and the error.
    /// </summary>
    public const string JobFailed = "jobFailed";

    /// <summary>
    /// The worker of an external task reported a failure: the task's element; the detail names the
    /// worker, the retries it left and its error message (none left: an incident follows).
    /// </summary>
    public const string ExternalTaskFailed = "externalTaskFailed";
    public const string Incident = "incident";
    public const string IncidentResolved = "incidentResolved";
    public const string InstanceCompleted = "instanceCompleted";
    public const string InstanceTerminated = "instanceTerminated";
    public const string InstanceFailed = "instanceFailed";

    /// <summary>The instance moved to a newer version of its process; the detail names both versions and the renamed elements.</summary>
    public const string Migrated = "migrated";
}

/// <summary>One step of an instance: what happened at which element, when, by whom, and which variables changed.</summary>
public sealed record HistoryEvent
{
    public required Guid InstanceId { get; init; }
    public required string ProcessKey { get; init; }
    public required int ProcessVersion { get; init; }
    public required string Event { get; init; }
    public required string ElementId { get; init; }
    public required string ElementType { get; init; }
    public string? ElementName { get; init; }
    public required DateTimeOffset Time { get; init; }
    public string? Actor { get; init; }
    public string? TokenId { get; init; }

    /// <summary>Free text: the incident message, the error code, the message name.</summary>
    public string? Detail { get; init; }

    /// <summary>Variables set during this step, with their new values.</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }
}
