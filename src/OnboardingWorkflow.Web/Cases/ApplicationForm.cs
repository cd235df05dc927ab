using System.Net.Mail;
using System.Text.RegularExpressions;
using OnboardingWorkflow.Application.Onboarding;

namespace OnboardingWorkflow.Web.Cases;

/// <summary>A field the form refuses before sending: the field (as the use case names it) and a message key with its arguments.</summary>
public sealed record FormError(string Field, string Key, params object[] Arguments);

/// <summary>
/// The new-application form: what the salesperson types, checked the way <see cref="ApplicationSubmission"/>
/// checks it, so most mistakes show at once at the field. The use case checks again and stays the
/// authority; its field errors are shown at the same fields.
/// </summary>
public sealed partial class ApplicationForm
{
    public static readonly DateOnly EarliestFounding = new(1800, 1, 1);

    public string? Name { get; set; }
    public string? RegistrationNumber { get; set; }
    public string? Address { get; set; }
    public DateTime? FoundedOn { get; set; }
    public string? Industry { get; set; }
    public string? BusinessScope { get; set; }
    public string? ContactEmail { get; set; }
    public string CustomerType { get; set; } = DocumentChecklist.CustomerTypes[0];
    public decimal? RequestedLimit { get; set; }
    public int? TermsDays { get; set; } = 30;
    public decimal? ExpectedMonthlyPurchases { get; set; }

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{Nd}\-./ ]*$")]
    private static partial Regex RegistrationPattern();

    public IReadOnlyList<FormError> Check(DateOnly today)
    {
        var errors = new List<FormError>();
        Text(errors, "name", Name, 300, required: true);
        if (Text(errors, "registrationNumber", RegistrationNumber, 64, required: true) is { } registration && !RegistrationPattern().IsMatch(registration))
        {
            errors.Add(new("registrationNumber", "Form.RegistrationPattern"));
        }

        Text(errors, "address", Address, 500);
        Text(errors, "industry", Industry, 100);
        Text(errors, "businessScope", BusinessScope, 1000);
        if (Text(errors, "contactEmail", ContactEmail, 254) is { } email && !MailAddress.TryCreate(email, out _))
        {
            errors.Add(new("contactEmail", "Form.Email"));
        }

        if (FoundedOn is { } founded && (DateOnly.FromDateTime(founded) < EarliestFounding || DateOnly.FromDateTime(founded) > today))
        {
            errors.Add(new("foundedOn", "Form.FoundedOn", EarliestFounding, today));
        }

        if (!DocumentChecklist.CustomerTypes.Contains(CustomerType))
        {
            errors.Add(new("customerType", "Form.Required"));
        }

        if (RequestedLimit is null)
        {
            errors.Add(new("requestedLimit", "Form.Required"));
        }

        Range(errors, "requestedLimit", RequestedLimit, 0.01m, ApplicationSubmission.MaxAmount);
        Range(errors, "termsDays", TermsDays, 0, 365);
        Range(errors, "expectedMonthlyPurchases", ExpectedMonthlyPurchases, 0, ApplicationSubmission.MaxAmount);
        return errors;
    }

    public SubmitApplicationCommand ToCommand() => new()
    {
        Name = Name, RegistrationNumber = RegistrationNumber, Address = Address, Industry = Industry, BusinessScope = BusinessScope,
        ContactEmail = ContactEmail, CustomerType = CustomerType, RequestedLimit = RequestedLimit, TermsDays = TermsDays,
        ExpectedMonthlyPurchases = ExpectedMonthlyPurchases,
        FoundedOn = FoundedOn is { } f ? DateOnly.FromDateTime(f) : null,
    };

    private static string? Text(List<FormError> errors, string field, string? value, int maxLength, bool required = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors.Add(new(field, "Form.Required"));
            }

            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add(new(field, "Form.MaxLength", maxLength));
        }

        return text;
    }

    private static void Range(List<FormError> errors, string field, decimal? value, decimal min, decimal max)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(new(field, "Form.Range", min, max));
        }
    }
}
