using System.Security.Claims;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Application.Common;

/// <summary>The caller as the use cases see them: the user name (task assignee, maker, actor) and roles.</summary>
public sealed record CurrentUser(string Name, IReadOnlyList<string> Roles)
{
    /// <summary>The roles that decide on cases: analysts, managers and the risk committee.</summary>
    public static readonly IReadOnlyList<string> ApproverRoles = [Data.Identity.Roles.CreditAnalyst, Data.Identity.Roles.CreditManager, Data.Identity.Roles.RiskCommittee];

    public static CurrentUser From(ClaimsPrincipal principal)
    {
        var name = principal.Identity?.Name ?? throw new InvalidOperationException("The endpoint requires an authenticated user.");
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        return new CurrentUser(name, roles);
    }

    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public bool IsAuditor => IsInRole(Data.Identity.Roles.Auditor);

    public bool IsAdmin => IsInRole(Data.Identity.Roles.Admin);

    public bool IsApprover => ApproverRoles.Any(IsInRole);

    /// <summary>Sales staff (anyone without a credit, audit or admin role) see only the cases they made.</summary>
    public bool SeesOnlyOwnCases => !IsAuditor && !IsApprover && !IsAdmin;

    public bool Is(string? name) => Identities.Same(Name, name);
}
