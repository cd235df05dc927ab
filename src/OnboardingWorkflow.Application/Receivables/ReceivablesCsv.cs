using System.Text;

namespace OnboardingWorkflow.Application.Receivables;

/// <summary>
/// Reads an import file as CSV (RFC 4180: comma-separated, fields with commas, quotes or line
/// breaks quoted, quotes doubled; CRLF or LF; an optional UTF-8 byte order mark). The first line
/// names the columns, which are the fields of a JSON row (<see cref="ReceivableRowFields"/>) in any
/// order and letter case; kind and externalId are required, an unknown or repeated column refuses
/// the file. Blank lines are skipped. A file whose structure is broken (an open quote, a line with
/// more or fewer values than the header) is refused as a whole, naming the row.
/// </summary>
public static class ReceivablesCsv
{
    public static IReadOnlyList<ReceivableRowInput> Read(string text)
    {
        var records = Records(text.TrimStart('\uFEFF'));
        if (records.Count == 0)
        {
            throw AppException.Invalid($"The file is empty: the first line names the columns ({string.Join(",", ReceivableRowFields.All)}).");
        }

        var columns = Columns(records[0]);
        var rows = new List<ReceivableRowInput>(records.Count - 1);
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Count != columns.Count)
            {
                throw AppException.Invalid($"Row {i} has {records[i].Count} values where the header has {columns.Count} columns; quote values that hold a comma.");
            }

            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var c = 0; c < columns.Count; c++)
            {
                values[columns[c]] = records[i][c].Length == 0 ? null : records[i][c];
            }

            rows.Add(ReceivableRowFields.FromValues(values));
        }

        return rows;
    }

    private static List<string> Columns(List<string> header)
    {
        var columns = new List<string>();
        foreach (var cell in header)
        {
            var name = ReceivableRowFields.All.FirstOrDefault(f => string.Equals(f, cell.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw AppException.Invalid($"The column '{cell.Trim()}' is not known; the columns are {string.Join(", ", ReceivableRowFields.All)}.");
            if (columns.Contains(name))
            {
                throw AppException.Invalid($"The column '{name}' appears twice in the header.");
            }

            columns.Add(name);
        }

        foreach (var needed in new[] { ReceivableRowFields.Kind, ReceivableRowFields.ExternalId })
        {
            if (!columns.Contains(needed))
            {
                throw AppException.Invalid($"The header has no '{needed}' column; every row needs one.");
            }
        }

        return columns;
    }

    /// <summary>The records of the text, each a list of unquoted values; blank lines left out.</summary>
    private static List<List<string>> Records(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i++];
            if (quoted)
            {
                if (c != '"')
                {
                    cell.Append(c);
                }
                else if (i < text.Length && text[i] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    record.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r' when i < text.Length && text[i] == '\n':
                    break;
                case '\n' or '\r':
                    EndRecord(records, record, cell);
                    record = [];
                    break;
                default:
                    cell.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            throw AppException.Invalid($"Row {records.Count} has a quote that is never closed.");
        }

        EndRecord(records, record, cell);
        return records;
    }

    private static void EndRecord(List<List<string>> records, List<string> record, StringBuilder cell)
    {
        record.Add(cell.ToString());
        cell.Clear();
        if (record.Count > 1 || record[0].Trim().Length > 0)
        {
            records.Add(record);
        }
    }
}
