using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;

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

    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = CreateOptions();
    private static readonly ConcurrentDictionary<string, (IFluidTemplate Subject, IFluidTemplate Body)> Parsed = new(StringComparer.Ordinal);

    public static (string Subject, string Body) Render(CultureInfo culture, AlertMailModel model)
    {
        var (subject, body) = Parsed.GetOrAdd($"warnings.Alerts.{culture.Name}.liquid", Load);
        var context = new TemplateContext(model, Options) { CultureInfo = culture };
        return (subject.Render(context, NullEncoder.Default).Trim(), body.Render(context, NullEncoder.Default).Trim() + "\n");
    }

    private static (IFluidTemplate, IFluidTemplate) Load(string name)
    {
        using var stream = typeof(AlertMail).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The e-mail template '{name}' is missing.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return (Parse(name, text[..newline]), Parse(name, text[(newline + 1)..]));
    }

    private static IFluidTemplate Parse(string name, string source) =>
        Parser.TryParse(source, out var template, out var error) ? template : throw new InvalidOperationException($"The e-mail template '{name}' does not parse: {error}");

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { MemberAccessStrategy = new DefaultMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase } };
        options.MemberAccessStrategy.Register<AlertMailModel>();
        options.MemberAccessStrategy.Register<AlertMailLine>();
        return options;
    }
}
