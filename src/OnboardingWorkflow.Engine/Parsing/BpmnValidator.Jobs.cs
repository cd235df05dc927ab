using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Engine.Parsing;

/// <summary>
/// Checks async continuations and their retry cycles. A retry cycle that does not parse would
/// leave a failing job on the default policy unnoticed, so it is an error; one on an element that
/// makes no job, or asyncAfter where nothing follows, does nothing and is a warning.
/// </summary>
internal static partial class BpmnValidator
{
    private static void CheckJobs(FlowNode node, Reporter report)
    {
        if (node.RetryCycleText is { } cycle)
        {
            if (node.RetryCycle is null)
            {
                RetryCycle.TryParse(cycle, out _, out var error);
                var why = cycle.Contains("${", StringComparison.Ordinal) || cycle.Contains("#{", StringComparison.Ordinal)
                    ? $"The camunda:failedJobRetryTimeCycle '{cycle}' is an expression; write the cycle out, as R<tries>/<ISO 8601 duration> (R3/PT10M) or a list of durations (PT1M,PT5M,PT10M)."
                    : $"The camunda:failedJobRetryTimeCycle of the {node.TypeName} is invalid: {error}";
                report.Add(DiagnosticCodes.InvalidRetryCycle, why, node.Position, node.Id);
            }
            else if (!node.AsyncBefore && !node.AsyncAfter)
            {
                report.Add(DiagnosticCodes.RetryCycleWithoutJob,
                    $"The camunda:failedJobRetryTimeCycle '{cycle}' does nothing here: only async continuations are retried. Set camunda:asyncBefore or camunda:asyncAfter on the {node.TypeName}, or remove the cycle.",
                    node.Position, node.Id, Severity.Warning);
            }
        }

        if (node.AsyncAfter && (node.Kind is ElementKind.EndEvent or ElementKind.EventBasedGateway
            || node is { Kind: ElementKind.IntermediateThrowEvent, Trigger: EventTrigger.Link }))
        {
            report.Add(DiagnosticCodes.AsyncAfterIgnored,
                $"camunda:asyncAfter does nothing on {(node.Kind == ElementKind.EndEvent ? "an end event" : node.Kind == ElementKind.EventBasedGateway ? "an event-based gateway (its events are left, not the gateway)" : "a link throw event")}: no sequence flow leaves it. Use camunda:asyncBefore instead.",
                node.Position, node.Id, Severity.Warning);
        }
    }
}
