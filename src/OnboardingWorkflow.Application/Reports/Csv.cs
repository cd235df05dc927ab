using System.Text;

namespace OnboardingWorkflow.Application.Reports;

/// <summary>
/// Writes a report as CSV (RFC 4180): cells with a comma, quote or line break are quoted with
/// quotes doubled. A cell that starts with = + - @ (or a tab or carriage return) would run as a
/// formula when the file is opened in a spreadsheet, so it gets a leading apostrophe: a customer
/// name or a comment typed by anyone must not become a formula on an auditor's machine.
/// </summary>
public static class Csv
{
    public static string Write(ReportTable table)
    {
        var text = new StringBuilder();
        Line(text, table.Header);
        foreach (var row in table.Rows)
        {
            Line(text, row);
        }

        return text.ToString();
    }

    public static string Cell(string? value)
    {
        var cell = value ?? "";
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            cell = "'" + cell;
        }

        return cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    private static void Line(StringBuilder text, IEnumerable<string> cells) => text.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
}
