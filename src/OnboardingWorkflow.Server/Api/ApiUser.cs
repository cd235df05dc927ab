using System.Security.Claims;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>Row-level rules shared by the resources: a sales person sees the cases they made.</summary>
internal static class ApiUser
{
    public static CurrentUser Of(ClaimsPrincipal principal) => CurrentUser.From(principal);

    /// <summary>Sales staff without another case role see only their own applications.</summary>
    public static bool SeesOnlyOwn(this CurrentUser user) =>
        user.IsInRole(Roles.Sales) && !user.IsAuditor && !Policies.Approvers.Any(user.IsInRole);

    public static bool MaySee(this CurrentUser user, OnboardingApplication application) =>
        !user.SeesOnlyOwn() || string.Equals(application.Maker, user.Name, StringComparison.OrdinalIgnoreCase);
}
