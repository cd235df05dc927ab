using System.Collections;
using System.Globalization;
using System.Resources;

namespace OnboardingWorkflow.Application.Notifications;

/// <summary>
/// Writes an e-mail in one language from MailText.resx: amounts, dates and list separators follow
/// that culture, and every <see cref="MailPhrase"/> argument is translated before it is placed.
/// </summary>
public static class MailComposer
{
    private static readonly ResourceManager Texts = new(typeof(MailComposer).Namespace + ".MailText", typeof(MailComposer).Assembly);

    public static (string Subject, string Body) Compose(MailTemplate template, CultureInfo culture, IReadOnlyList<object?> args) =>
        (Format(template.SubjectKey, culture, args), Format(template.BodyKey, culture, args));

    /// <summary>A translated piece of text on its own (not an e-mail), such as a document the product writes.</summary>
    public static string Phrase(MailPhrase phrase, CultureInfo culture) => Format(phrase.Key, culture, phrase.Args);

    /// <summary>The entry in exactly this language; a missing entry is a defect, never a silent fallback to English.</summary>
    public static string Text(string key, CultureInfo culture)
    {
        // The default language's texts are the neutral resources of this assembly; the others are satellites.
        var lookup = culture.Name == Common.Languages.Default.Name ? CultureInfo.InvariantCulture : culture;
        var set = Texts.GetResourceSet(lookup, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"The e-mail texts have no {culture.Name} resources.");
        return set.GetString(key) ?? throw new InvalidOperationException($"The e-mail text '{key}' is missing in {culture.Name}.");
    }

    private static string Format(string key, CultureInfo culture, IReadOnlyList<object?> args) =>
        string.Format(culture, Text(key, culture), [.. args.Select(a => Localize(a, culture))]);

    private static object? Localize(object? value, CultureInfo culture) => value switch
    {
        MailPhrase phrase => Format(phrase.Key, culture, phrase.Args),
        string text => text,
        IEnumerable items => string.Join(Text("List.Separator", culture), items.Cast<object?>().Select(i => Localize(i, culture))),
        _ => value,
    };
}
