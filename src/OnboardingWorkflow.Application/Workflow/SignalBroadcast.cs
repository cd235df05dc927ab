using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Workflow;

/// <summary>What a broadcast reached: the instances that were waiting for the signal and went on, and those it started.</summary>
public sealed record SignalOutcome(string Name, IReadOnlyList<Guid> ResumedInstances, IReadOnlyList<Guid> StartedInstances);

/// <summary>
/// Sends a signal to every instance waiting for it and starts every process with a signal start
/// of that name, for an administrator (an outside event: "the price list changed"). A signal from
/// a person carries no variables: what it would set in every waiting instance was declared by no
/// task, so it could set anything. Audited with what it reached.
/// </summary>
public sealed class SignalBroadcast(WorkflowEngine engine, Cases.CaseFile cases)
{
    public const int MaxNameLength = 200;

    public async Task<SignalOutcome> BroadcastAsync(CurrentUser user, string? name, CancellationToken cancellationToken)
    {
        var rules = new InputRules();
        var signal = rules.Text("name", name, MaxNameLength, required: true);
        rules.ThrowIfAny();

        var result = await engine.BroadcastSignalAsync(signal!, null, user.Name, cancellationToken);
        cases.Audit(user.Name, "workflow.signal", "Signal", signal!,
            detail: $"{result.ResumedInstances.Count} waiting instance(s) went on, {result.StartedInstances.Count} started");
        await cases.Db.SaveChangesAsync(cancellationToken);
        return new SignalOutcome(signal!, result.ResumedInstances, result.StartedInstances);
    }
}
