using System.Text;
using MimeKit.Text;

namespace OnboardingWorkflow.Server.Email;

/// <summary>
/// The text of an HTML-only reply, for the reply reader: block elements and line breaks become new
/// lines, the quoted original (inside a blockquote) keeps a "> " mark so it never counts as the
/// person's own words, and styles and scripts are dropped.
/// </summary>
public static class HtmlReplyText
{
    public static string Convert(string html, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder();
        var line = new StringBuilder();
        int quoted = 0, hidden = 0;

        void EndLine()
        {
            var content = line.ToString().Trim();
            line.Clear();
            text.Append(quoted > 0 ? "> " + content : content).Append('\n');
        }

        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader);
        while (text.Length < maxLength && tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Style or HtmlTagId.Script or HtmlTagId.Head or HtmlTagId.Title:
                    hidden = Math.Max(0, hidden + (tag.IsEndTag ? -1 : tag.IsEmptyElement ? 0 : 1));
                    break;
                case HtmlTagToken tag when tag.Id == HtmlTagId.BlockQuote:
                    EndLine();
                    quoted = Math.Max(0, quoted + (tag.IsEndTag ? -1 : 1));
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.Br or HtmlTagId.P or HtmlTagId.Div or HtmlTagId.TR or HtmlTagId.LI or HtmlTagId.HR
                    or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3 or HtmlTagId.Table:
                    EndLine();
                    break;
                case HtmlDataToken data when hidden == 0 && token is not HtmlScriptDataToken:
                    line.Append(data.Data.Replace('\n', ' ').Replace('\r', ' ').Replace('\u00a0', ' '));
                    break;
            }
        }

        EndLine();
        return text.Length > maxLength ? text.ToString(0, maxLength) : text.ToString();
    }
}
