using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// The maker-checker rule of four-eyes tasks. The maker (who started the instance) never works
/// a four-eyes task; on a fourEyes="true" task nobody checks twice in one approval round.
/// </summary>
internal static class FourEyesRule
{
    public static void Check(FlowNode node, ProcessInstance instance, string taskId, string? actor)
    {
        if (node.FourEyes == FourEyesMode.None)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(actor))
        {
            throw new MakerCheckerException(taskId, actor, "a four-eyes task must be completed by a named person.");
        }

        if (Actors.Same(actor, instance.StartedBy))
        {
            throw new MakerCheckerException(taskId, actor, "the maker of a case cannot work on its four-eyes tasks.");
        }

        if (node.FourEyes == FourEyesMode.MakerAndCheckers && instance.Checkers.Any(checker => Actors.Same(checker, actor)))
        {
            throw new MakerCheckerException(taskId, actor, "one person cannot approve twice in the same approval round.");
        }
    }

    /// <summary>Records the checker of a fourEyes="true" task; a "maker" task checks nobody's work, so it records nothing.</summary>
    public static void Record(FlowNode node, ProcessInstance instance, string? actor)
    {
        if (node.FourEyes == FourEyesMode.MakerAndCheckers)
        {
            instance.Checkers.Add(Actors.Normalize(actor)!);
        }
    }

    /// <summary>A token entered a node with fourEyesRound="new": a new approval round begins.</summary>
    public static void EnterNode(FlowNode node, ProcessInstance instance)
    {
        if (node.StartsFourEyesRound)
        {
            instance.Checkers.Clear();
        }
    }
}
