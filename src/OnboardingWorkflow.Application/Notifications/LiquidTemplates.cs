using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;

namespace OnboardingWorkflow.Application.Notifications;

/// <summary>
/// A set of the product's e-mails or letters written as Liquid templates (Fluid) and embedded in this
/// assembly: the first line of a template is the subject, the rest the body. The set names the model
/// types its templates may read (members in snake_case). Each template is parsed once; one that is
/// missing or does not parse is a defect, reported with its name.
/// </summary>
public sealed class LiquidTemplates
{
    private static readonly FluidParser Parser = new();
    private readonly TemplateOptions _options = new() { MemberAccessStrategy = new DefaultMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase } };
    private readonly ConcurrentDictionary<string, (IFluidTemplate Subject, IFluidTemplate Body)> _parsed = new(StringComparer.Ordinal);

    public LiquidTemplates(params Type[] models)
    {
        foreach (var model in models)
        {
            _options.MemberAccessStrategy.Register(model);
        }
    }

    /// <summary>Renders the embedded template <paramref name="resource"/> (e.g. "task-mails.Request.zh-CN.liquid") on <paramref name="model"/>.</summary>
    public (string Subject, string Body) Render(string resource, CultureInfo culture, object model)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var (subject, body) = _parsed.GetOrAdd(resource, Load);
        var context = new TemplateContext(model, _options) { CultureInfo = culture };
        return (subject.Render(context, NullEncoder.Default).Trim(), body.Render(context, NullEncoder.Default).Trim() + "\n");
    }

    private static (IFluidTemplate, IFluidTemplate) Load(string name)
    {
        using var stream = typeof(LiquidTemplates).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The template '{name}' is missing.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return (Parse(name, text[..newline]), Parse(name, text[(newline + 1)..]));
    }

    private static IFluidTemplate Parse(string name, string source) =>
        Parser.TryParse(source, out var template, out var error) ? template : throw new InvalidOperationException($"The template '{name}' does not parse: {error}");
}
