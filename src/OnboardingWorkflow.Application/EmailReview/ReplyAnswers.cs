using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>What an answer to a reply template sees: the outcome, the task, the decision and comment read, the use case's reason.</summary>
public sealed record ReplyAnswerModel(string Outcome, string Task, string? Decision, string? Comment, string? Reason);

/// <summary>
/// The answers to replies, in the person's language: the confirmation of a decision, or why nothing
/// happened. Liquid templates (Fluid) embedded as <c>reply-answers.Answer.{language}.liquid</c>, first
/// line the subject, the rest the body, one branch per outcome; parsed once.
/// </summary>
public static class ReplyAnswers
{
    public const string Category = "email-reply.answer";

    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = CreateOptions();
    private static readonly ConcurrentDictionary<string, (IFluidTemplate Subject, IFluidTemplate Body)> Parsed = new(StringComparer.Ordinal);

    public static (string Subject, string Body) Render(CultureInfo culture, ReplyAnswerModel model)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var (subject, body) = Parsed.GetOrAdd($"reply-answers.Answer.{culture.Name}.liquid", Load);
        var context = new TemplateContext(model, Options) { CultureInfo = culture };
        var title = subject.Render(context, NullEncoder.Default).Trim();
        return (title.Length > 200 ? title[..200] : title, body.Render(context, NullEncoder.Default).Trim() + "\n");
    }

    private static (IFluidTemplate, IFluidTemplate) Load(string name)
    {
        using var stream = typeof(ReplyAnswers).Assembly.GetManifestResourceStream(name)
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
        options.MemberAccessStrategy.Register<ReplyAnswerModel>();
        return options;
    }
}
