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

        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = match.Groups["s"].Success ? double.Parse(match.Groups["s"].Value.Replace(',', '.'), CultureInfo.InvariantCulture) : 0;
        if (match.Groups["neg"].Success)
        {
            return false;
        }

        duration = new IsoDuration(Part("y"), Part("mo"), Part("w"), Part("d"), Part("h"), Part("mi"), seconds);
        return duration != default;
    }

    public static IsoDuration Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not an ISO 8601 duration such as PT24H or P3D.");

    /// <summary>The ISO 8601 text of this duration, e.g. P1DT2H.</summary>
    public override string ToString()
    {
        var date = $"{(Years > 0 ? $"{Years}Y" : "")}{(Months > 0 ? $"{Months}M" : "")}{(Weeks > 0 ? $"{Weeks}W" : "")}{(Days > 0 ? $"{Days}D" : "")}";
        var time = $"{(Hours > 0 ? $"{Hours}H" : "")}{(Minutes > 0 ? $"{Minutes}M" : "")}{(Seconds > 0 ? $"{Seconds.ToString(CultureInfo.InvariantCulture)}S" : "")}";
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
