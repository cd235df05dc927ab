using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>A decision the reviewer may take from the e-mail: its name in the mail's language and, when links are on, its link.</summary>
public sealed record TaskMailChoice(string Id, string Label, string? Url);

/// <summary>What a task e-mail template sees (request, reminder, escalation); dates and amounts already written in the mail's language.</summary>
public sealed record TaskMailModel(
    string Recipient,
    string Customer,
    string TaskName,
    string? RequestedLimit,
    string? RecommendedLimit,
    string? Amount,
    string? Grade,
    IReadOnlyList<string> Reasons,
    string? DueDate,
    IReadOnlyList<TaskMailChoice> Decisions,
    string? ReplyReference,
    string? ReplyAddress,
    string? Assignees,
    string? TaskUrl);

/// <summary>One open task as the digest lists it.</summary>
public sealed record TaskDigestLine(string Customer, string TaskName, string? DueDate, bool Overdue, string How);

/// <summary>What the digest template sees.</summary>
public sealed record TaskDigestModel(string Recipient, string Day, int Count, IReadOnlyList<TaskDigestLine> Tasks, string? InboxUrl);

/// <summary>
/// The task e-mails as Liquid templates (Fluid), one per kind and language, embedded as
/// <c>task-mails.{Kind}.{language}.liquid</c> (first line the subject, the rest the plain-text body).
/// Parsed once; a template that does not parse is a defect, reported with its name.
/// </summary>
public static class TaskMails
{
    public const string Category = "task";
    public const string DigestKind = "Digest";

    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = CreateOptions();
    private static readonly ConcurrentDictionary<string, (IFluidTemplate Subject, IFluidTemplate Body)> Parsed = new(StringComparer.Ordinal);

    public static (string Subject, string Body) Render(TaskMailKind kind, CultureInfo culture, TaskMailModel model) =>
        Render(kind.ToString(), culture, model);

    public static (string Subject, string Body) Render(CultureInfo culture, TaskDigestModel model) => Render(DigestKind, culture, model);

    private static (string Subject, string Body) Render(string kind, CultureInfo culture, object model)
    {
        var (subject, body) = Parsed.GetOrAdd($"task-mails.{kind}.{culture.Name}.liquid", Load);
        var context = new TemplateContext(model, Options) { CultureInfo = culture };
        return (subject.Render(context, NullEncoder.Default).Trim(), body.Render(context, NullEncoder.Default).Trim() + "\n");
    }

    private static (IFluidTemplate, IFluidTemplate) Load(string name)
    {
        using var stream = typeof(TaskMails).Assembly.GetManifestResourceStream(name)
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
        options.MemberAccessStrategy.Register<TaskMailModel>();
        options.MemberAccessStrategy.Register<TaskMailChoice>();
        options.MemberAccessStrategy.Register<TaskDigestModel>();
        options.MemberAccessStrategy.Register<TaskDigestLine>();
        return options;
    }
}
