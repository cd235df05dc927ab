using System.Text.RegularExpressions;
using OnboardingWorkflow.Application.Onboarding;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>What a reply says: the decision of its first own line and the comment below it, or nothing understood.</summary>
public sealed record ReplyReading(string? Decision, string? Comment)
{
    public bool Understood => Decision is not null;
}

/// <summary>
/// Reads a reply to a task e-mail. Only what the person wrote counts: the first non-empty line is the
/// decision (APPROVE / REJECT, 同意 / 拒绝, any case, trailing punctuation allowed), the lines after it
/// the comment, up to the quoted original or the signature. A decision in the quoted original never
/// counts. Automatic messages (out-of-office, bounces, lists) are told apart by their headers, their
/// sender and their subject, so that they are never acted on nor answered.
/// </summary>
public static partial class ReplyReader
{
    /// <summary>The lines of a reply read at most: a decision and a comment fit well within.</summary>
    public const int MaxLines = 200;

    private static readonly string[] AutomaticSubjects =
    [
        "out of office", "out of the office", "automatic reply", "auto reply", "autoreply", "auto-reply", "away from the office",
        "delivery status notification", "undeliverable", "undelivered mail", "mail delivery failed", "returned mail", "delivery failure",
        "自动回复", "自动答复", "退信", "无法投递",
    ];

    private static readonly HashSet<string> AutomaticPrecedence = new(StringComparer.OrdinalIgnoreCase) { "bulk", "junk", "list", "auto_reply" };

    /// <summary>Whether the message was sent by a machine: an auto-reply, a bounce, a list; never acted on, never answered.</summary>
    public static bool IsAutomatic(InboundReply message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Header(message, "Auto-Submitted") is { } submitted && !submitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (Header(message, "X-Autoreply") is not null || Header(message, "X-Autorespond") is not null)
        {
            return true;
        }

        if (Header(message, "Precedence") is { } precedence && AutomaticPrecedence.Contains(precedence.Trim()))
        {
            return true;
        }

        if (message.ContentType is { } type && type.StartsWith("multipart/report", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var local = message.From is { } from && from.IndexOf('@') is var at and > 0 ? from[..at] : message.From;
        if (string.Equals(local, "mailer-daemon", StringComparison.OrdinalIgnoreCase) || string.Equals(local, "postmaster", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrWhiteSpace(message.From))
        {
            return true;
        }

        var subject = message.Subject ?? "";
        return AutomaticSubjects.Any(s => subject.Contains(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The reply reference: in the addresses (reviews+OWF-...@example.com) first, then in the subject.</summary>
    public static Guid? FindReference(InboundReply message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var address in message.Recipients)
        {
            if (ReplyReference.Find(address) is { } inAddress)
            {
                return inAddress;
            }
        }

        return ReplyReference.Find(message.Subject);
    }

    /// <summary>The decision of the first own line and the comment after it; nothing understood when the first line is no decision.</summary>
    public static ReplyReading Read(string? text, int maxCommentLength = TaskActions.MaxCommentLength)
    {
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Take(MaxLines).ToList();
        var first = lines.FindIndex(l => !string.IsNullOrWhiteSpace(l));
        if (first < 0 || StartsQuote(lines, first) || Decision(lines[first]) is not { } decision)
        {
            return new ReplyReading(null, null);
        }

        var comment = new List<string>();
        for (var i = first + 1; i < lines.Count && !StartsQuote(lines, i) && lines[i].TrimEnd() != "--"; i++)
        {
            comment.Add(lines[i].TrimEnd());
        }

        var joined = string.Join("\n", comment).Trim();
        return new ReplyReading(decision, joined.Length == 0 ? null : joined.Length > maxCommentLength ? joined[..maxCommentLength] : joined);
    }

    /// <summary>The task decision a line states, or null: the whole line must be the word.</summary>
    public static string? Decision(string line)
    {
        var word = line.Trim().TrimEnd('.', '!', ',', ';', ':', '。', '！', '，', '；', '：', ' ', '\u3000');
        return word.ToUpperInvariant() switch
        {
            "APPROVE" or "同意" => OnboardingProcess.Decisions.Approve,
            "REJECT" or "拒绝" => OnboardingProcess.Decisions.Reject,
            _ => null,
        };
    }

    /// <summary>Whether the quoted original (or a forwarded copy) starts at line <paramref name="index"/>.</summary>
    private static bool StartsQuote(List<string> lines, int index)
    {
        var line = lines[index].Trim();
        if (line.StartsWith('>') || OriginalMessage().IsMatch(line) || Underline().IsMatch(line) || ChineseWrote().IsMatch(line))
        {
            return true;
        }

        // "On Tue, 1 Dec 2026 at 10:00, Onboarding <x@example.com> wrote:", which mail programs may wrap onto a second line.
        if (line.StartsWith("On ", StringComparison.Ordinal))
        {
            var next = index + 1 < lines.Count ? lines[index + 1].Trim() : "";
            return line.EndsWith("wrote:", StringComparison.OrdinalIgnoreCase) || next.EndsWith("wrote:", StringComparison.OrdinalIgnoreCase);
        }

        // An Outlook header block: "From: ..." followed by "Sent:", "Date:", "To:" or "Subject:" (and the Chinese ones).
        if (HeaderStart().IsMatch(line))
        {
            return lines.Skip(index + 1).Take(3).Any(l => HeaderNext().IsMatch(l.Trim()));
        }

        return false;
    }

    private static string? Header(InboundReply message, string name) => message.Headers.TryGetValue(name, out var value) ? value : null;

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Forwarded message|原始邮件|转发邮件)\s*-{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^_{10,}$")]
    private static partial Regex Underline();

    [GeneratedRegex(@"^在.*写道\s*[:：]?$")]
    private static partial Regex ChineseWrote();

    [GeneratedRegex(@"^(From|发件人)\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderStart();

    [GeneratedRegex(@"^(Sent|Date|To|Subject|Cc|发送时间|日期|收件人|主题|抄送)\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderNext();
}
