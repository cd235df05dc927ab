using OnboardingWorkflow.Engine.Model;

namespace OnboardingWorkflow.Engine.Parsing;

/// <summary>Checks external tasks (camunda:type="external"): a topic to fetch them by, and no handler beside it.</summary>
internal static partial class BpmnValidator
{
    private static void CheckExternalTask(FlowNode node, Reporter report)
    {
        if (node.External is null)
        {
            report.Add(DiagnosticCodes.UnsupportedTaskType,
                $"The {node.TypeName} has camunda:type=\"{node.ImplementationType}\", which this engine does not run: use camunda:type=\"external\" with a camunda:topic for a worker, or a handler (camunda:delegateExpression).",
                node.Position, node.Id);
            return;
        }

        if (string.IsNullOrEmpty(node.External.Topic))
        {
            report.Add(DiagnosticCodes.ExternalTaskWithoutTopic,
                $"The external task '{node.Id}' names no camunda:topic: set camunda:topic=\"...\" to the topic its workers fetch.", node.Position, node.Id);
        }

        if (node.HandlerName is not null || node.ServiceExpression is not null)
        {
            report.Add(DiagnosticCodes.ExternalTaskWithHandler,
                $"The external task '{node.Id}' also names a handler or an expression: remove camunda:delegateExpression, camunda:class and camunda:expression, or drop camunda:type=\"external\".",
                node.Position, node.Id);
        }
    }
}
