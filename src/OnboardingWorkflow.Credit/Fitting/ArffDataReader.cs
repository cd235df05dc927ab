namespace OnboardingWorkflow.Credit.Fitting;

/// <summary>
/// Reads dense Weka ARFF text: numeric, real and integer attributes become numeric, nominal and
/// string ones categorical. Values may be quoted but may not contain commas.
/// </summary>
public static class ArffDataReader
{
    public static DataTable Read(TextReader reader)
    {
        var names = new List<string>();
        var kinds = new List<ColumnKind?>();
        var rows = new List<string[]>();
        var inData = false;
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('%'))
            {
                continue;
            }

            if (!inData)
            {
                if (text.StartsWith("@attribute", StringComparison.OrdinalIgnoreCase))
                {
                    var (name, type) = SplitAttribute(text["@attribute".Length..].Trim(), lineNumber);
                    names.Add(name);
                    kinds.Add(type.StartsWith('{') || type.Equals("string", StringComparison.OrdinalIgnoreCase)
                        ? ColumnKind.Categorical
                        : type.ToLowerInvariant() is "numeric" or "real" or "integer"
                            ? ColumnKind.Numeric
                            : throw new DataFormatException($"line {lineNumber}: attribute '{name}' has unsupported type '{type}'"));
                }
                else if (text.StartsWith("@data", StringComparison.OrdinalIgnoreCase))
                {
                    inData = true;
                }

                continue;
            }

            if (text.StartsWith('{'))
            {
                throw new DataFormatException($"line {lineNumber}: sparse ARFF rows are not supported");
            }

            var cells = text.Split(',');
            if (cells.Length != names.Count)
            {
                throw new DataFormatException($"line {lineNumber}: {cells.Length} values where {names.Count} attributes are declared");
            }

            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Unquote(cells[i].Trim());
            }

            rows.Add(cells);
        }

        if (!inData)
        {
            throw new DataFormatException("no @data section found");
        }

        return DataTable.FromCells(names, rows, kinds);
    }

    private static (string Name, string Type) SplitAttribute(string rest, int lineNumber)
    {
        if (rest.Length > 0 && rest[0] is '\'' or '"')
        {
            var close = rest.IndexOf(rest[0], 1);
            if (close < 0)
            {
                throw new DataFormatException($"line {lineNumber}: attribute name quote is not closed");
            }

            return (rest[1..close], rest[(close + 1)..].Trim());
        }

        var space = rest.IndexOfAny([' ', '\t']);
        return space < 0
            ? throw new DataFormatException($"line {lineNumber}: attribute without a type")
            : (rest[..space], rest[(space + 1)..].Trim());
    }

    private static string Unquote(string cell) =>
        cell.Length >= 2 && cell[0] is '\'' or '"' && cell[^1] == cell[0] ? cell[1..^1] : cell;
}
