using System.Globalization;

namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>One alert as the e-mail lists it; numbers already written in the e-mail's language.</summary>
public sealed record AlertMailLine(string Indicator, string Level, string Value, string Threshold, string Action, string Explanation);

/// <summary>What the alert e-mail template sees.</summary>
public sealed record AlertMailModel(string Customer, string RegistrationNumber, string AsOf, IReadOnlyList<AlertMailLine> Alerts, bool ReviewRequested, bool HoldPlaced);

/// <summary>
/// The e-mail to a credit manager about a customer's new early-warning alerts: a Liquid template
/// (Fluid) per language, embedded as <c>EarlyWarning/Mails/Alerts.{language}.liquid</c> (first line
/// the subject, the rest the body; the template names the indicators in its language). Parsed once;
/// a template that does not parse is a defect, reported with its name.
/// </summary>
public static class AlertMail
{
    public const string Category = "early-warning.alert";

    private static readonly Notifications.LiquidTemplates Templates = new(typeof(AlertMailModel), typeof(AlertMailLine));

    public static (string Subject, string Body) Render(CultureInfo culture, AlertMailModel model)
    {
        return Templates.Render($"warnings.Alerts.{culture.Name}.liquid", culture, model);
    }
}
