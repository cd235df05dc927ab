using System.Globalization;

namespace OnboardingWorkflow.Credit.Fitting;

/// <summary>Feature columns with a good/bad outcome per row.</summary>
public sealed record LabelledData(IReadOnlyList<DataColumn> Features, IReadOnlyList<bool> IsBad, string LabelColumn, string BadValue)
{
    private static readonly string[] ConventionalBadValues = ["1", "bad", "yes", "true", "default", "y"];

    public int RowCount => IsBad.Count;

    public int BadCount => IsBad.Count(b => b);

    /// <summary>
    /// Splits off the label column. Without <paramref name="badValue"/> a label taking the values
    /// 0/1, good/bad, no/yes or false/true marks the second as bad.
    /// </summary>
    public static LabelledData From(DataTable table, string labelColumn, string? badValue = null)
    {
        var label = table[labelColumn];
        var missingRow = label.Texts.ToList().FindIndex(t => t is null);
        if (missingRow >= 0)
        {
            throw new DataFormatException($"label column '{labelColumn}' is empty in data row {missingRow + 1}");
        }

        var distinct = label.Texts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count != 2)
        {
            throw new DataFormatException(
                $"label column '{labelColumn}' must take exactly two values, found {distinct.Count}: {string.Join(", ", distinct.Take(10))}");
        }

        var bad = badValue
            ?? distinct.FirstOrDefault(v => ConventionalBadValues.Any(c => SameValue(v!, c)))
            ?? throw new DataFormatException(
                $"cannot tell which of '{distinct[0]}' and '{distinct[1]}' marks a bad outcome: name it explicitly");
        if (!distinct.Any(v => SameValue(v!, bad)))
        {
            throw new DataFormatException($"label column '{labelColumn}' never takes the bad value '{bad}'");
        }

        var isBad = label.Texts.Select(t => SameValue(t!, bad)).ToList();
        var features = table.Columns.Where(c => c.Name != labelColumn).ToList();
        return new LabelledData(features, isBad, labelColumn, bad);
    }

    private static bool SameValue(string value, string expected)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
        {
            return a == b;
        }

        return string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
    }
}
