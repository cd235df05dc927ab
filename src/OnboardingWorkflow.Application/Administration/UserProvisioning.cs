using Microsoft.AspNetCore.Identity;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Application.Administration;

/// <summary>Creates roles and users; shared by start-up seeding, the create-user command, the users API and the dashboard.</summary>
public sealed class UserProvisioning(UserManager<AppUser> users, RoleManager<IdentityRole> roles)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }
    }

    /// <summary>Creates a user with a password and roles; the user name is the e-mail address.</summary>
    public async Task<IdentityResult> CreateAsync(string email, string password, IReadOnlyCollection<string> roleNames, string? displayName = null)
    {
        var unknown = roleNames.Where(r => !Roles.All.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            return IdentityResult.Failed(new IdentityError { Code = "UnknownRole", Description = $"Unknown role(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", Roles.All)}." });
        }

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created;
        }

        return roleNames.Count == 0 ? created : await users.AddToRolesAsync(user, roleNames);
    }

    public static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {Describe(result)}");
        }
    }

    public static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
