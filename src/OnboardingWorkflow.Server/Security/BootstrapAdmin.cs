using Microsoft.AspNetCore.Identity;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Server.Security;

/// <summary>Creates the first admin from the Bootstrap configuration at start-up.</summary>
public sealed class BootstrapAdmin(UserManager<AppUser> users, UserProvisioning provisioning)
{
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
            UserProvisioning.Check(await users.AddToRoleAsync(existing, Roles.Admin), $"make {options.AdminEmail} an admin");
        }
        else
        {
            UserProvisioning.Check(await provisioning.CreateAsync(options.AdminEmail, options.AdminPassword, [Roles.Admin]), $"create the admin {options.AdminEmail}");
        }

        logger.LogInformation("Created the first administrator {Email} from the Bootstrap configuration.", options.AdminEmail);
    }
}
