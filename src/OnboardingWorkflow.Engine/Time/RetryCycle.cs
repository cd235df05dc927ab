using System.Globalization;
using System.Text.RegularExpressions;

namespace OnboardingWorkflow.Engine.Time;

/// <summary>
/// How often a failing async job is tried and how long it waits in between: the value of
/// camunda:failedJobRetryTimeCycle, read as Camunda 7 reads it. <c>R3/PT10M</c> is three tries in
/// total, ten minutes apart (the first try and two retries); a list <c>PT1M,PT5M,PT10M</c> is one
/// retry after each interval in turn, so four tries in total. A zero interval (<c>PT0S</c>) retries
/// at once.
/// </summary>
public sealed partial class RetryCycle
{
    private RetryCycle(string text, int tries, IReadOnlyList<IsoDuration> intervals)
    {
        Text = text;
        Tries = tries;
        Intervals = intervals;
    }

    /// <summary>Used where an element names no cycle: three tries, five minutes apart.</summary>
    /// <remarks>
    /// Camunda's default is three tries one right after the other; a failure that immediate retries
    /// can cure is rare, while a service that is down for a minute is common, so we wait.
    /// </remarks>
    public static RetryCycle Default { get; } = Parse("R3/PT5M");

    /// <summary>The cycle as written.</summary>
    public string Text { get; }

    /// <summary>How many times the job runs at most, the first try included (at least 1).</summary>
    public int Tries { get; }

    /// <summary>The waits before the retries, in turn; the last one repeats.</summary>
    public IReadOnlyList<IsoDuration> Intervals { get; }

    /// <summary>How long to wait after the <paramref name="failedAttempts"/>-th failed try (1 after the first).</summary>
    public IsoDuration DelayAfter(int failedAttempts) => Intervals[Math.Clamp(failedAttempts - 1, 0, Intervals.Count - 1)];

    public static RetryCycle Parse(string text) =>
        TryParse(text, out var cycle, out var error) ? cycle : throw new FormatException(error);

    /// <summary>Reads <c>R&lt;n&gt;/&lt;duration&gt;</c> or a comma-separated list of durations; <paramref name="error"/> says why not.</summary>
    public static bool TryParse(string? text, out RetryCycle cycle, out string error)
    {
        cycle = null!;
        var trimmed = text?.Trim() ?? string.Empty;
        var shape = $"'{trimmed}' is not a retry cycle: write R<tries>/<ISO 8601 duration> (R3/PT10M) or a list of durations (PT1M,PT5M,PT10M)";
        if (trimmed.Length == 0)
        {
            error = "The retry cycle is empty: write R<tries>/<ISO 8601 duration> (R3/PT10M) or a list of durations (PT1M,PT5M,PT10M).";
            return false;
        }

        if (trimmed.StartsWith('R') || trimmed.StartsWith('r'))
        {
            var match = Repeating().Match(trimmed);
            if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var tries) || tries < 1 || !TryInterval(match.Groups["d"].Value, out var interval))
            {
                error = shape + "; the number of tries is a whole number from 1.";
                return false;
            }

            cycle = new RetryCycle(trimmed, tries, [interval]);
            error = string.Empty;
            return true;
        }

        var intervals = new List<IsoDuration>();
        foreach (var part in trimmed.Split(','))
        {
            if (!TryInterval(part.Trim(), out var interval))
            {
                error = shape + ".";
                return false;
            }

            intervals.Add(interval);
        }

        cycle = new RetryCycle(trimmed, intervals.Count + 1, intervals);
        error = string.Empty;
        return true;
    }

    private static bool TryInterval(string text, out IsoDuration interval)
    {
        if (IsoDuration.TryParse(text, out interval))
        {
            return true;
        }

        // IsoDuration refuses a zero length (a timer cycle of it would never end); a retry may wait for nothing.
        interval = default;
        return Zero().IsMatch(text);
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"^[Rr](?<n>\d{1,6})/(?<d>[^/]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Repeating();

    [GeneratedRegex(@"^P(?=[0-9T])(?:0+[YMWD])*(?:T(?:0+(?:[.,]0+)?[HMS])+)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Zero();
}
