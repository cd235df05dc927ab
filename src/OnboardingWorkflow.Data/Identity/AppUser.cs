using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace OnboardingWorkflow.Data.Identity;

/// <summary>A person who signs in: sales, analysts, managers, committee members, admins, auditors.</summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>
    /// The language the person last chose (a culture name such as "zh-CN"); the dashboard opens in it
    /// after sign-in and the e-mails to them are written in it. Null until they choose.
    /// </summary>
    [MaxLength(16)]
    public string? PreferredCulture { get; set; }

    /// <summary>Whether the person asked for a daily e-mail digest of their open tasks (opt-in).</summary>
    public bool TaskDigest { get; set; }
}
