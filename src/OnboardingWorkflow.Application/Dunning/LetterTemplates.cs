using System.Globalization;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Dunning;

/// <summary>One overdue invoice as a letter lists it; amounts and dates already written in the letter's language.</summary>
public sealed record LetterInvoice(string Reference, string DueDate, int DaysPastDue, string OpenAmount);

/// <summary>What a letter template sees.</summary>
public sealed record LetterModel(string Customer, int Level, string Currency, string Total, IReadOnlyList<LetterInvoice> Invoices);

/// <summary>
/// The letters of the overdue escalation as Liquid templates (Fluid), one per kind and language,
/// embedded as <c>Letters/{Kind}.{language}.liquid</c>: the first line is the subject, the rest
/// the body. Parsed once; a template that does not parse is a defect, reported with its name.
/// </summary>
public static class LetterTemplates
{
    private static readonly Notifications.LiquidTemplates Templates = new(typeof(LetterModel), typeof(LetterInvoice), typeof(Remediation.RemediationLetterModel), typeof(Remediation.RemediationLetterInstalment));

    public static (string Subject, string Body) Render(DunningLetterKind kind, CultureInfo culture, LetterModel model) =>
        Render($"letters.{kind}.{culture.Name}.liquid", culture, model);

    /// <summary>Renders the embedded template <paramref name="resource"/> (e.g. remediation-letters.PlanAgreement.en.liquid) on a registered model.</summary>
    public static (string Subject, string Body) Render(string resource, CultureInfo culture, object model)
    {
        return Templates.Render(resource, culture, model);
    }
}
