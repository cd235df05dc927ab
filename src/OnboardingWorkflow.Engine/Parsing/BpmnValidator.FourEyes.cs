using OnboardingWorkflow.Engine.Model;

namespace OnboardingWorkflow.Engine.Parsing;

/// <summary>
/// Checks the four-eyes properties. A misspelt value would silently switch the control off, so
/// anything but the known values is an error.
/// </summary>
internal static partial class BpmnValidator
{
    private static void CheckFourEyes(FlowNode node, Reporter report)
    {
        if (node.Properties.TryGetValue("fourEyes", out var mode))
        {
            if (node.Kind != ElementKind.UserTask)
            {
                report.Add(DiagnosticCodes.InvalidFourEyes, $"The property fourEyes applies to user tasks only, not to the {node.TypeName}.", node.Position, node.Id);
            }
            else if (node.FourEyes == FourEyesMode.None && !string.Equals(mode.Trim(), "false", StringComparison.OrdinalIgnoreCase))
            {
                report.Add(DiagnosticCodes.InvalidFourEyes, $"The property fourEyes is '{mode}'; use \"true\" (maker and repeat approvers refused), \"maker\" (only the maker refused) or \"false\".", node.Position, node.Id);
            }
        }

        if (node.Properties.TryGetValue("fourEyesRound", out var round) && !node.StartsFourEyesRound)
        {
            report.Add(DiagnosticCodes.InvalidFourEyes, $"The property fourEyesRound is '{round}'; the only value is \"new\".", node.Position, node.Id);
        }
    }
}
