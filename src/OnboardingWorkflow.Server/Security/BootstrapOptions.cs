using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// The "Bootstrap" section: the first administrator, created at start-up when no user holds the
/// Admin role. Never in the repository: pass it through environment variables or user secrets.
/// </summary>
public sealed class BootstrapOptions : IValidatableObject
{
    public const string Section = "Bootstrap";

    /// <summary>Empty (as in the sample settings) means no first admin from configuration.</summary>
    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(AdminEmail) && !new EmailAddressAttribute().IsValid(AdminEmail))
        {
            yield return new ValidationResult("Bootstrap:AdminEmail is not a valid e-mail address.", [nameof(AdminEmail)]);
        }

        if (string.IsNullOrWhiteSpace(AdminEmail) != string.IsNullOrWhiteSpace(AdminPassword))
        {
            yield return new ValidationResult("Bootstrap:AdminEmail and Bootstrap:AdminPassword are given together or not at all.",
                [nameof(AdminEmail), nameof(AdminPassword)]);
        }
    }
}
