using System.Globalization;

namespace OnboardingWorkflow.Credit;

/// <summary>
/// A reason the library gives (why a figure could not be computed, a warning sign) as a code and
/// its arguments, so any language can tell it. Arguments are statement line names (as the
/// statements name them), years and amounts or ratios; <see cref="Text"/> is the English sentence.
/// </summary>
public sealed record Reason(string Code, IReadOnlyList<object> Args)
{
    // Not computable.
    public const string Missing = "missing";
    public const string MissingInYear = "missingInYear";
    public const string Zero = "zero";
    public const string ZeroInYear = "zeroInYear";
    public const string Negative = "negative";
    public const string NegativeInYear = "negativeInYear";
    public const string NotPositive = "notPositive";
    public const string NoPriorYear = "noPriorYear";
    public const string NotFinite = "notFinite";
    public const string ZeroLiabilities = "zeroLiabilities";
    public const string MissingWorkingCapital = "missingWorkingCapital";
    public const string MissingMarketValue = "missingMarketValue";

    // Warning signs.
    public const string NegativeEquity = "negativeEquity";
    public const string HighCurrentLiabilities = "highCurrentLiabilities";
    public const string CurrentRatioBelowOne = "currentRatioBelowOne";
    public const string InterestNotCovered = "interestNotCovered";
    public const string SlowCollection = "slowCollection";

    /// <summary>The English sentence of each code; its placeholders are the arguments in order.</summary>
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Missing] = "{0} is missing",
        [MissingInYear] = "{0} of {1} is missing",
        [Zero] = "{0} is zero",
        [ZeroInYear] = "{0} of {1} is zero",
        [Negative] = "{0} is negative ({1}): the ratio has no meaning",
        [NegativeInYear] = "{0} of {1} is negative ({2}): the ratio has no meaning",
        [NotPositive] = "{0} is not positive",
        [NoPriorYear] = "growth needs two years: the statements of {0} are missing",
        [NotFinite] = "the result is not a finite number",
        [ZeroLiabilities] = "{0} is zero: the equity-to-liabilities term has no value",
        [MissingWorkingCapital] = "{0} is missing (working capital)",
        [MissingMarketValue] = "{0} is missing (Z is for listed companies)",
        [NegativeEquity] = "negative equity ({0}): liabilities exceed assets",
        [HighCurrentLiabilities] = "current liabilities are {0:P0} of net worth (above {1:P0})",
        [CurrentRatioBelowOne] = "current ratio {0:0.00} is below 1: current liabilities exceed current assets",
        [InterestNotCovered] = "interest coverage {0:0.00} is below 1: EBIT does not cover interest",
        [SlowCollection] = "collection period {0:0} days is more than {1:0} days beyond terms of {2} days",
    };

    public static Reason Of(string code, params object[] args) =>
        English.ContainsKey(code) ? new(code, args) : throw new ArgumentOutOfRangeException(nameof(code), code, "no such reason");

    public string Text => string.Format(CultureInfo.InvariantCulture, English[Code], [.. Args]);

    public override string ToString() => Text;
}
