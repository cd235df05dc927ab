using Microsoft.AspNetCore.Identity;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Server.Security;

/// <summary>Creates roles and users; shared by start-up seeding, the create-user command and the users API.</summary>
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

    /// <summary>The first admin from configuration, unless someone already holds the Admin role.</summary>
    public async Task EnsureBootstrapAdminAsync(BootstrapOptions options, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(options.AdminEmail) || string.IsNullOrWhiteSpace(options.AdminPassword))
        {
            return;
        }

        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        if (await new CredentialRules(users).ProblemAsync(options.AdminEmail, options.AdminPassword, "Bootstrap:AdminEmail", "Bootstrap:AdminPassword") is { } problem)
        {
            throw new StartupConfigurationException(problem);
        }

        if (await users.FindByEmailAsync(options.AdminEmail) is { } existing)
        {
            Check(await users.AddToRoleAsync(existing, Roles.Admin), $"make {options.AdminEmail} an admin");
        }
        else
        {
            Check(await CreateAsync(options.AdminEmail, options.AdminPassword, [Roles.Admin]), $"create the admin {options.AdminEmail}");
        }

        logger.LogInformation("Created the first administrator {Email} from the Bootstrap configuration.", options.AdminEmail);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {Describe(result)}");
        }
    }

    public static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
