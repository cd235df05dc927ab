using System.Globalization;
using OnboardingWorkflow.Engine.Model;

namespace OnboardingWorkflow.Engine.Time;

/// <summary>
/// The resolved form of a timer: when it is first due and, for cycles, the interval and how many
/// more times it fires (-1: without end).
/// </summary>
public readonly record struct TimerSchedule(DateTimeOffset DueAt, IsoDuration? Interval, int RemainingAfterThis)
{
    /// <summary>Resolves a timer text (already evaluated if it was an expression) against the current time.</summary>
    /// <exception cref="FormatException">The text is not a valid timer of that kind, or its due time is out of range.</exception>
    public static TimerSchedule Resolve(TimerKind kind, string text, DateTimeOffset now)
    {
        text = text.Trim();
        try
        {
            return kind switch
            {
                TimerKind.Duration => new TimerSchedule(IsoDuration.Parse(text).AddTo(now), null, 0),
                TimerKind.Date => new TimerSchedule(ParseDate(text), null, 0),
                _ => ResolveCycle(text, now),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            // P99999Y and friends parse but land beyond the calendar; that is a bad timer, not a crash.
            throw new FormatException($"The timer '{text}' falls outside the supported calendar range.");
        }
    }

    /// <summary>The schedule after this one fired, or null when the cycle is exhausted (or runs past the calendar).</summary>
    public TimerSchedule? Next()
    {
        if (Interval is null || RemainingAfterThis == 0)
        {
            return null;
        }

        try
        {
            return new TimerSchedule(Interval.Value.AddTo(DueAt), Interval, RemainingAfterThis < 0 ? -1 : RemainingAfterThis - 1);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    public static DateTimeOffset ParseDate(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : throw new FormatException($"'{text}' is not an ISO 8601 date such as 2026-12-01T09:00:00Z.");

    private static TimerSchedule ResolveCycle(string text, DateTimeOffset now)
    {
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('R'))
        {
            throw new FormatException($"'{text}' is not an ISO 8601 repeating interval such as R3/PT24H.");
        }

        var repetitions = -1;
        if (parts[0].Length > 1)
        {
            if (!int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out repetitions) || repetitions < 1)
            {
                throw new FormatException($"'{parts[0]}' in '{text}' is not a repetition count such as R3.");
            }
        }

        IsoDuration interval;
        DateTimeOffset first;
        if (parts.Length == 2)
        {
            interval = IsoDuration.Parse(parts[1]);
            first = interval.AddTo(now);
        }
        else if (IsoDuration.TryParse(parts[2], out interval))
        {
            first = ParseDate(parts[1]);
        }
        else
        {
            // R/duration/end: repeat the duration until the end date.
            interval = IsoDuration.Parse(parts[1]);
            var end = ParseDate(parts[2]);
            first = interval.AddTo(now);
            var count = 0;
            for (var due = first; due <= end && count < 100_000; due = interval.AddTo(due))
            {
                count++;
            }

            if (count == 0)
            {
                throw new FormatException($"The cycle '{text}' ends before its first occurrence.");
            }

            repetitions = repetitions < 0 ? count : Math.Min(repetitions, count);
        }

        return new TimerSchedule(first, interval, repetitions < 0 ? -1 : repetitions - 1);
    }
}
