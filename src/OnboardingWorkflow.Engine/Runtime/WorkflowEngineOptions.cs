using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>What an engine is built from: its stores, clock, handlers, sandbox limits and history sinks.</summary>
public sealed class WorkflowEngineOptions
{
    public IDefinitionStore Definitions { get; init; } = new InMemoryDefinitionStore();
    public IInstanceStore Instances { get; init; } = new InMemoryInstanceStore();
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public HandlerRegistry Handlers { get; init; } = new();
    public ScriptLimits ScriptLimits { get; init; } = ScriptLimits.Default;
    public IList<IHistorySink> HistorySinks { get; init; } = [];

    /// <summary>Parsed definitions; share one instance between engines on the same stores.</summary>
    public DefinitionCache DefinitionCache { get; init; } = new();

    /// <summary>The sandbox that runs expressions; share one instance between engines (it keeps an interpreter per thread).</summary>
    public ScriptRuntime? Scripts { get; init; }

    /// <summary>How many steps one unit of work may take before it is stopped as a runaway loop.</summary>
    public int MaxStepsPerUnitOfWork { get; init; } = 100_000;

    /// <summary>The largest completion accepted, measured as the UTF-8 JSON of its variables.</summary>
    public int MaxCompletionBytes
    {
        get => _maxCompletionBytes;
        init => _maxCompletionBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxCompletionBytes), value, "The completion size limit must be positive.");
    }

    private readonly int _maxCompletionBytes = 64 * 1024;

    /// <summary>
    /// Lets a task without a contract (no camunda:formData) accept any variables. Only for legacy
    /// models such as the benchmark flow: a contract is what keeps a completion from writing
    /// whatever it likes into the process.
    /// </summary>
    public bool AllowUndeclaredVariables { get; init; }

    /// <summary>
    /// How a failing async job is retried when its element names no camunda:failedJobRetryTimeCycle:
    /// by default three tries, five minutes apart (<see cref="RetryCycle.Default"/>).
    /// </summary>
    /// <summary>
    /// How long a sweep's claim on a due timer or job keeps other sweeps (other servers) from firing
    /// it; the firing's commit releases it. A firing that takes longer may be started again elsewhere
    /// (its commit then loses to the first). Default five minutes.
    /// </summary>
    public TimeSpan DueClaimDuration { get; init; } = TimeSpan.FromMinutes(5);

    public RetryCycle DefaultRetryCycle
    {
        get => _defaultRetryCycle;
        init => _defaultRetryCycle = value ?? throw new ArgumentNullException(nameof(DefaultRetryCycle));
    }

    private readonly RetryCycle _defaultRetryCycle = RetryCycle.Default;

    /// <summary>
    /// How long a thrown message or signal waits for its thrower to deliver it before the timers
    /// sweep may (the thrower delivers right after its commit; the sweep finds what a crash or a
    /// failure left). Also the first wait after a failed delivery, doubled at each further failure.
    /// Default one minute.
    /// </summary>
    public TimeSpan DispatchGrace
    {
        get => _dispatchGrace;
        init => _dispatchGrace = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(DispatchGrace), value, "The grace of a dispatch must be positive.");
    }

    private readonly TimeSpan _dispatchGrace = TimeSpan.FromMinutes(1);

    /// <summary>Told when a thrown message or signal could not be delivered; it stays stored and is tried again. The host logs it.</summary>
    public Action<DispatchFailure>? DispatchFailureObserver { get; init; }

    /// <summary>Told of every incident as it is raised, with its cause; the host logs it. Raised inside a unit of work that may still fail to commit.</summary>
    public Action<IncidentReport>? IncidentObserver { get; init; }
}
