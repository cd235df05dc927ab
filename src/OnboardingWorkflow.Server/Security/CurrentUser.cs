using System.Security.Claims;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Server.Security;

/// <summary>The caller as the workflow sees them: the user name (used as task assignee and actor) and roles.</summary>
public sealed record CurrentUser(string Name, IReadOnlyList<string> Roles)
{
    public static CurrentUser From(ClaimsPrincipal principal)
    {
        var name = principal.Identity?.Name ?? throw new InvalidOperationException("The endpoint requires an authenticated user.");
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        return new CurrentUser(name, roles);
    }

    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public bool IsAuditor => IsInRole(Data.Identity.Roles.Auditor);
}
