using System.Text;

namespace OnboardingWorkflow.Credit.Fitting;

/// <summary>
/// Reads comma-separated text with a header row (RFC 4180 quoting, so header names may hold
/// spaces, commas and quotes). Column types are inferred from the cells.
/// </summary>
public static class CsvDataReader
{
    public static DataTable Read(TextReader reader, char separator = ',')
    {
        var records = ReadRecords(reader, separator).ToList();
        if (records.Count == 0)
        {
            throw new DataFormatException("the CSV text is empty: a header row is required");
        }

        var header = records[0].Fields.Select(h => h.Trim()).ToArray();
        var blank = Array.FindIndex(header, h => h.Length == 0);
        if (blank >= 0)
        {
            throw new DataFormatException($"header column {blank + 1} has no name");
        }

        var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DataFormatException($"header names column '{duplicate.Key}' more than once");
        }

        var rows = new List<string[]>(records.Count - 1);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Count != header.Length)
            {
                throw new DataFormatException($"line {line}: {fields.Count} fields where the header has {header.Length}");
            }

            rows.Add([.. fields]);
        }

        return DataTable.FromCells(header, rows);
    }

    private static IEnumerable<(int Line, List<string> Fields)> ReadRecords(TextReader reader, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var line = 1;
        var recordLine = 1;
        var any = false;
        int ch;
        while ((ch = reader.Read()) >= 0)
        {
            var c = (char)ch;
            any = true;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                inQuotes = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r')
            {
                // a CRLF ends the record at the LF
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                yield return (recordLine, fields);
                fields = [];
                line++;
                recordLine = line;
                any = false;
            }
            else
            {
                field.Append(c);
            }
        }

        if (inQuotes)
        {
            throw new DataFormatException($"line {recordLine}: a quoted field is not closed");
        }

        if (any)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields);
        }
    }
}
