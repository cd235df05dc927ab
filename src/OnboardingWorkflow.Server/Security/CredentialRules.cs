using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// Checks an e-mail address and password before a user is made from them, and says in one line
/// what is wrong and what the password rules are: for the Bootstrap settings and create-user.
/// </summary>
public sealed class CredentialRules(UserManager<AppUser> users)
{
    /// <summary>Null when both are acceptable; else a one-line explanation naming <paramref name="emailSetting"/> or <paramref name="passwordSetting"/>.</summary>
    public async Task<string?> ProblemAsync(string email, string password, string emailSetting, string passwordSetting)
    {
        if (!new EmailAddressAttribute().IsValid(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return $"{emailSetting} '{email}' is not a valid e-mail address.";
        }

        var errors = new List<string>();
        var candidate = new AppUser { UserName = email, Email = email };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, candidate, password);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }

        return errors.Count == 0 ? null : $"{passwordSetting} is too weak: {string.Join(" ", errors)} The rules: {Describe(users.Options.Password)}.";
    }

    public static string Describe(PasswordOptions rules)
    {
        var parts = new List<string> { $"at least {rules.RequiredLength} characters" };
        if (rules.RequireDigit)
        {
            parts.Add("a digit");
        }

        if (rules.RequireLowercase)
        {
            parts.Add("a lower-case letter");
        }

        if (rules.RequireUppercase)
        {
            parts.Add("an upper-case letter");
        }

        if (rules.RequireNonAlphanumeric)
        {
            parts.Add("a character that is neither letter nor digit");
        }

        if (rules.RequiredUniqueChars > 1)
        {
            parts.Add($"{rules.RequiredUniqueChars} different characters");
        }

        return string.Join(", ", parts);
    }
}
