using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using OnboardingWorkflow.Application.Onboarding;

namespace OnboardingWorkflow.Web.Cases;

/// <summary>A field the form refuses before sending: the field (as the use case names it) and a message key with its arguments.</summary>
public sealed record FormError(string Field, string Key, params object[] Arguments);

/// <summary>
/// The new-application form: what the salesperson types, checked the way <see cref="ApplicationSubmission"/>
/// checks it, so most mistakes show at once at the field. The use case checks again and stays the
/// authority; its field errors are shown at the same fields. Amounts, days and the founding date are
/// kept as typed and read here in the user's culture: MudNumericField replaced a typed -5 or 5e12 by
/// its Min or Max and submitted that, and the inputs reported "1e30" or "13/45/2020" as no value at
/// all, so the application went out without what was typed.
/// </summary>
public sealed partial class ApplicationForm
{
    public static readonly DateOnly EarliestFounding = new(1800, 1, 1);

    public string? Name { get; set; }
    public string? RegistrationNumber { get; set; }
    public string? Address { get; set; }
    /// <summary>The founding date as typed: the culture's short date, or yyyy-MM-dd.</summary>
    public string? FoundedOn { get; set; }
    public string? Industry { get; set; }
    public string? BusinessScope { get; set; }
    public string? ContactEmail { get; set; }
    public string CustomerType { get; set; } = DocumentChecklist.CustomerTypes[0];
    public string? RequestedLimit { get; set; }
    public string? TermsDays { get; set; } = "30";
    public string? ExpectedMonthlyPurchases { get; set; }

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{Nd}\-./ ]*$")]
    private static partial Regex RegistrationPattern();

    /// <summary>Every problem of the form, keyed by the use case's field names; numbers are read in <paramref name="culture"/> (default: the current one).</summary>
    public IReadOnlyList<FormError> Check(DateOnly today, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
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

        if (Day(errors, FoundedOn, culture) is { } founded && (founded < EarliestFounding || founded > today))
        {
            errors.Add(new("foundedOn", "Form.FoundedOn", EarliestFounding, today));
        }

        if (!DocumentChecklist.CustomerTypes.Contains(CustomerType))
        {
            errors.Add(new("customerType", "Form.Required"));
        }

        if (string.IsNullOrWhiteSpace(RequestedLimit))
        {
            errors.Add(new("requestedLimit", "Form.Required"));
        }

        Range(errors, "requestedLimit", Number(errors, "requestedLimit", RequestedLimit, culture), 0.01m, ApplicationSubmission.MaxAmount);
        Range(errors, "termsDays", Number(errors, "termsDays", TermsDays, culture, whole: true), 0, 365);
        Range(errors, "expectedMonthlyPurchases", Number(errors, "expectedMonthlyPurchases", ExpectedMonthlyPurchases, culture), 0, ApplicationSubmission.MaxAmount);
        return errors;
    }

    /// <summary>The command to submit; call after <see cref="Check"/> found nothing, with the same culture.</summary>
    public SubmitApplicationCommand ToCommand(CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var ignored = new List<FormError>();
        return new()
        {
            Name = Name, RegistrationNumber = RegistrationNumber, Address = Address, Industry = Industry, BusinessScope = BusinessScope,
            ContactEmail = ContactEmail, CustomerType = CustomerType,
            RequestedLimit = Number(ignored, "requestedLimit", RequestedLimit, culture),
            TermsDays = Number(ignored, "termsDays", TermsDays, culture, whole: true) is { } days ? (int)days : null,
            ExpectedMonthlyPurchases = Number(ignored, "expectedMonthlyPurchases", ExpectedMonthlyPurchases, culture),
            FoundedOn = Day(ignored, FoundedOn, culture),
        };
    }

    /// <summary>The typed date, or null when empty; text that is no date is an error, never "not given".</summary>
    private static DateOnly? Day(List<FormError> errors, string? text, CultureInfo culture)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)
            || DateOnly.TryParse(text.Trim(), culture, DateTimeStyles.None, out iso))
        {
            return iso;
        }

        errors.Add(new("foundedOn", "Form.NotADate", culture.DateTimeFormat.ShortDatePattern));
        return null;
    }

    /// <summary>The typed amount, or null when empty; text that is no number (or no whole number of days) is an error, never "not given".</summary>
    private static decimal? Number(List<FormError> errors, string field, string? text, CultureInfo culture, bool whole = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var styles = whole ? NumberStyles.Integer | NumberStyles.AllowThousands : NumberStyles.Number;
        if (decimal.TryParse(text.Trim(), styles, culture, out var value))
        {
            return value;
        }

        errors.Add(new(field, "Form.NotANumber"));
        return null;
    }

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
