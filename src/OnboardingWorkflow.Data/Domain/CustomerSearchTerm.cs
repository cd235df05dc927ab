namespace OnboardingWorkflow.Data.Domain;

/// <summary>
/// One word a customer can be found by: a word of its name or its registration number, normalised
/// (<see cref="TermsOf"/>). Searches match the start of a term, which a B-tree index answers as a
/// range (<see cref="UpperBound"/>) on every provider, where "the name contains" had to read every
/// customer. The rows are derived data: <see cref="OnboardingDbContext"/> rewrites them whenever a
/// customer's name or registration number is saved, and the migration that added them filled them
/// for the customers already stored.
/// </summary>
public sealed class CustomerSearchTerm
{
    /// <summary>Longer words are cut to this length; a search for a longer word compares its first characters.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// What separates words: space, tab, line breaks, ASCII punctuation and the common full-width
    /// punctuation of Chinese names. A fixed list, not a character class, so that the migration's
    /// SQL splits names exactly as this code does on every provider.
    /// </summary>
    public const string Separators = " \t\r\n!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~（）【】《》「」『』、，。；：！？·　";

    public Guid CustomerId { get; set; }
    public required string Term { get; set; }

    /// <summary>
    /// The terms of a customer: each word of its name, lower case; every suffix of a word written
    /// with non-ASCII characters too (Chinese names are written without spaces, so "某某" must be
    /// found inside "上海某某贸易"); and the registration number's letters and digits, lower case.
    /// </summary>
    public static IReadOnlySet<string> TermsOf(string name, string registrationNumber)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(name))
        {
            terms.Add(Cut(word));
            if (word.Any(c => c > '\u007f'))
            {
                for (var i = 1; i < word.Length; i++)
                {
                    terms.Add(Cut(word[i..]));
                }
            }
        }

        if (Compact(registrationNumber) is { Length: > 0 } number)
        {
            terms.Add(Cut(number));
        }

        return terms;
    }

    /// <summary>The words of a text as terms are made of them: lower case, split at <see cref="Separators"/>.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        var words = new List<string>();
        var start = 0;
        var lower = text?.ToLowerInvariant() ?? "";
        for (var i = 0; i <= lower.Length; i++)
        {
            if (i == lower.Length || Separators.Contains(lower[i]))
            {
                if (i > start)
                {
                    words.Add(lower[start..i]);
                }

                start = i + 1;
            }
        }

        return words;
    }

    /// <summary>The text without separators, lower case: how a registration number ("91-3100 ...") is kept and looked up.</summary>
    public static string Compact(string? text) =>
        string.IsNullOrEmpty(text) ? "" : string.Concat(text.ToLowerInvariant().Where(c => !Separators.Contains(c)));

    /// <summary>
    /// The least string above every term that starts with <paramref name="prefix"/> in code-point
    /// order (binary collations): the prefix with its last character raised by one. A search is
    /// <c>Term &gt;= prefix AND Term &lt; UpperBound(prefix)</c>.
    /// </summary>
    public static string UpperBound(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var end = prefix.Length - 1;
        while (end >= 0 && prefix[end] == char.MaxValue)
        {
            end--;
        }

        return end < 0 ? prefix + char.MaxValue : prefix[..end] + (char)(prefix[end] + 1);
    }

    /// <summary>A search word cut as stored terms are, so a long word still finds its term.</summary>
    public static string Cut(string word) => word.Length > MaxLength ? word[..MaxLength] : word;

}
