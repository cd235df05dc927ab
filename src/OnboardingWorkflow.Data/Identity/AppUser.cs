using Microsoft.AspNetCore.Identity;

namespace OnboardingWorkflow.Data.Identity;

/// <summary>A person who signs in: sales, analysts, managers, committee members, admins, auditors.</summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
}
