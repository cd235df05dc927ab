using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Cases;

/// <summary>
/// Maker-checker outside the engine's tasks: whoever made a case (by the one identity
/// comparison, whatever other roles they hold) never reviews its documents, records its findings
/// or decides it. The engine applies the same rule to the four-eyes tasks of the flow.
/// </summary>
public static class CaseRules
{
    public static void EnsureNotMaker(OnboardingApplication application, CurrentUser user, string action)
    {
        if (user.Is(application.Maker))
        {
            throw AppException.Forbidden($"{user.Name} made this case and may not {action}.", ErrorCodes.MakerCheckerViolation);
        }
    }
}
