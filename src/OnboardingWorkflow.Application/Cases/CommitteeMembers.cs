using Microsoft.AspNetCore.Identity;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Application.Cases;

/// <summary>The risk committee members who vote on a case: in name order, never the case's maker(s), as many as the authority rule asks.</summary>
public static class CommitteeMembers
{
    public static async Task<List<string>> ChooseAsync(UserManager<AppUser> users, IEnumerable<string?> makers, int size)
    {
        var excluded = makers.Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
        return (await users.GetUsersInRoleAsync(Roles.RiskCommittee))
            .Select(u => u.UserName!)
            .Where(u => !excluded.Any(m => Identities.Same(u, m)))
            .Order(StringComparer.Ordinal)
            .Take(size)
            .ToList();
    }
}
