using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
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
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = CreateOptions();
    private static readonly ConcurrentDictionary<string, (IFluidTemplate Subject, IFluidTemplate Body)> Parsed = new(StringComparer.Ordinal);

    public static (string Subject, string Body) Render(DunningLetterKind kind, CultureInfo culture, LetterModel model) =>
        Render($"letters.{kind}.{culture.Name}.liquid", culture, model);

    /// <summary>Renders the embedded template <paramref name="resource"/> (e.g. remediation-letters.PlanAgreement.en.liquid) on a registered model.</summary>
    public static (string Subject, string Body) Render(string resource, CultureInfo culture, object model)
    {
        var (subject, body) = Parsed.GetOrAdd(resource, Load);
        var context = new TemplateContext(model, Options) { CultureInfo = culture };
        return (subject.Render(context, NullEncoder.Default).Trim(), body.Render(context, NullEncoder.Default).Trim() + "\n");
    }

    private static (IFluidTemplate, IFluidTemplate) Load(string name)
    {
        using var stream = typeof(LetterTemplates).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The letter template '{name}' is missing.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return (Parse(name, text[..newline]), Parse(name, text[(newline + 1)..]));
    }

    private static IFluidTemplate Parse(string name, string source) =>
        Parser.TryParse(source, out var template, out var error) ? template : throw new InvalidOperationException($"The letter template '{name}' does not parse: {error}");

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { MemberAccessStrategy = new DefaultMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase } };
        options.MemberAccessStrategy.Register<LetterModel>();
        options.MemberAccessStrategy.Register<LetterInvoice>();
        options.MemberAccessStrategy.Register<Remediation.RemediationLetterModel>();
        options.MemberAccessStrategy.Register<Remediation.RemediationLetterInstalment>();
        return options;
    }
}
