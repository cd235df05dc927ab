using System.Globalization;
using System.Text.RegularExpressions;

namespace OnboardingWorkflow.Engine.Time;

/// <summary>An ISO 8601 duration such as P3D, PT24H or P1Y2M; calendar parts are applied to a date.</summary>
public readonly partial record struct IsoDuration(int Years, int Months, int Weeks, int Days, int Hours, int Minutes, double Seconds)
{
    [GeneratedRegex(@"^(?<neg>-)?P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+(?:[.,]\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Pattern().Match(text.Trim().ToUpperInvariant());
        if (!match.Success || text.Trim().EndsWith('T') || text.Trim().Length < 3)
        {
            return false;
        }

        if (match.Groups["neg"].Success)
        {
            return false;
        }

        // A part too large for an int is refused here rather than overflowing later.
        var parts = new int[6];
        var names = new[] { "y", "mo", "w", "d", "h", "mi" };
        for (var i = 0; i < names.Length; i++)
        {
            var group = match.Groups[names[i]];
            if (group.Success && !int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out parts[i]))
            {
                return false;
            }
        }

        double seconds = 0;
        if (match.Groups["s"].Success && !double.TryParse(match.Groups["s"].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds))
        {
            return false;
        }

        // Shorter than one tick adds nothing to a date: a cycle of it would fire forever at one instant.
        if (parts.All(p => p == 0) && seconds * TimeSpan.TicksPerSecond < 1)
        {
            duration = default;
            return false;
        }

        duration = new IsoDuration(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], seconds);
        return true;
    }

    public static IsoDuration Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not an ISO 8601 duration such as PT24H or P3D.");

    /// <summary>The ISO 8601 text of this duration, e.g. P1DT2H.</summary>
    public override string ToString()
    {
        var date = $"{(Years > 0 ? $"{Years}Y" : "")}{(Months > 0 ? $"{Months}M" : "")}{(Weeks > 0 ? $"{Weeks}W" : "")}{(Days > 0 ? $"{Days}D" : "")}";
        var time = $"{(Hours > 0 ? $"{Hours}H" : "")}{(Minutes > 0 ? $"{Minutes}M" : "")}{(Seconds > 0 ? $"{Seconds.ToString("0.#######", CultureInfo.InvariantCulture)}S" : "")}";
        return "P" + date + (time.Length > 0 ? "T" + time : string.Empty);
    }

    public DateTimeOffset AddTo(DateTimeOffset start) => start
        .AddYears(Years)
        .AddMonths(Months)
        .AddDays(Weeks * 7 + Days)
        .AddHours(Hours)
        .AddMinutes(Minutes)
        .AddSeconds(Seconds);
}
