using System.Globalization;

namespace OnboardingWorkflow.Credit.Fitting;

/// <summary>A rectangular data set read from CSV or ARFF, each column typed as numeric or categorical.</summary>
public sealed class DataTable
{
    private static readonly HashSet<string> MissingMarkers = new(StringComparer.OrdinalIgnoreCase) { "", "?", "NA", "N/A", "null", "NaN" };

    public DataTable(IReadOnlyList<DataColumn> columns)
    {
        Columns = columns;
        RowCount = columns.Count == 0 ? 0 : columns[0].Texts.Count;
    }

    public IReadOnlyList<DataColumn> Columns { get; }

    public int RowCount { get; }

    public DataColumn this[string name] =>
        Columns.FirstOrDefault(c => c.Name == name)
        ?? throw new DataFormatException($"no column named '{name}'; columns are: {string.Join(", ", Columns.Select(c => c.Name))}");

    public static bool IsMissing(string? cell) => cell is null || MissingMarkers.Contains(cell.Trim());

    /// <summary>Builds typed columns from raw cells; a column is numeric when every present cell parses as a number.</summary>
    public static DataTable FromCells(IReadOnlyList<string> names, IReadOnlyList<string[]> rows, IReadOnlyList<ColumnKind?>? declaredKinds = null)
    {
        var columns = new List<DataColumn>(names.Count);
        for (var c = 0; c < names.Count; c++)
        {
            var texts = new string?[rows.Count];
            var numbers = new double?[rows.Count];
            var allNumeric = true;
            for (var r = 0; r < rows.Count; r++)
            {
                var cell = rows[r][c];
                if (IsMissing(cell))
                {
                    continue;
                }

                texts[r] = cell.Trim();
                if (double.TryParse(texts[r], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    numbers[r] = number;
                }
                else
                {
                    allNumeric = false;
                }
            }

            var kind = declaredKinds?[c] ?? (allNumeric && numbers.Any(n => n is not null) ? ColumnKind.Numeric : ColumnKind.Categorical);
            if (kind == ColumnKind.Numeric && !allNumeric)
            {
                var row = Array.FindIndex(texts, t => t is not null && !double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
                throw new DataFormatException($"column '{names[c]}' is declared numeric but row {row + 1} holds '{texts[row]}'");
            }

            columns.Add(new DataColumn(names[c], kind, numbers, texts));
        }

        return new DataTable(columns);
    }
}
