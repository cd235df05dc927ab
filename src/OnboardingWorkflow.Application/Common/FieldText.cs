using System.Globalization;
using System.Resources;

namespace OnboardingWorkflow.Application.Common;

/// <summary>
/// The detail of a refused field (FieldText.resx), in the language of the person who sent it: the
/// dashboard sets the UI culture per connection from the user's choice, and the API per request.
/// Amounts and lists are formatted in that language too.
/// </summary>
public static class FieldText
{
    private static readonly ResourceManager Texts = new(typeof(FieldText).FullName!, typeof(FieldText).Assembly);

    /// <summary>The supported language of the current UI culture: the same culture, else the same language (zh-TW reads zh-CN), else the default.</summary>
    public static CultureInfo Culture
    {
        get
        {
            var current = CultureInfo.CurrentUICulture;
            return Languages.Find(current.Name)
                ?? Languages.Supported.FirstOrDefault(s => s.TwoLetterISOLanguageName == current.TwoLetterISOLanguageName)
                ?? Languages.Default;
        }
    }

    /// <summary>The entry formatted in <see cref="Culture"/>; <paramref name="key"/> is one of <see cref="Keys"/>.</summary>
    public static string Format(string key, params object?[] args) => Format(Culture, key, args);

    public static string Format(CultureInfo culture, string key, params object?[] args)
    {
        // The default language is the neutral resource of this assembly; the others are satellites.
        var lookup = culture.Name == Languages.Default.Name ? CultureInfo.InvariantCulture : culture;
        var text = Texts.GetResourceSet(lookup, createIfNotExists: true, tryParents: false)?.GetString(key)
            ?? throw new InvalidOperationException($"The field text '{key}' is missing in {culture.Name}.");
        return string.Format(culture, text, args);
    }

    /// <summary>A list in the culture's way of joining items.</summary>
    public static string List(IEnumerable<string> items) => string.Join(Format("List.Separator"), items);

    /// <summary>Every entry, so a test can prove each language has them all with the same placeholders.</summary>
    public static class Keys
    {
        public const string OneOf = "OneOf";
        public const string NotNegative = "NotNegative";
        public const string AtMostRequested = "AtMostRequested";
        public const string BetweenZeroAndRequested = "BetweenZeroAndRequested";
        public const string BelowCurrent = "BelowCurrent";
        public const string NoLimitForSuspension = "NoLimitForSuspension";
        public const string NoLimitForReinstatement = "NoLimitForReinstatement";
        public const string CommentTooLong = "CommentTooLong";
        public const string ReturnReasonMissing = "ReturnReasonMissing";
        public const string NotAnAmount = "NotAnAmount";
        public const string NotActiveUser = "NotActiveUser";
        public const string NotOfferedTo = "NotOfferedTo";
        public const string OfferedToNobody = "OfferedToNobody";
        public const string MayNotSeeCase = "MayNotSeeCase";
        public const string NotWholeFile = "NotWholeFile";
        public const string KnownLanguages = "KnownLanguages";
        public const string KnownRoles = "KnownRoles";
        public const string OneProcessPerDraft = "OneProcessPerDraft";
        public const string OtherProcess = "OtherProcess";
        public const string PlanRequired = "PlanRequired";
        public const string NoSuchVersion = "NoSuchVersion";
        public const string NoRows = "NoRows";
        public const string Required = "Required";
        public const string PlanEmpty = "PlanEmpty";
        public const string PlanTooLong = "PlanTooLong";
        public const string InstalmentDateOutOfRange = "InstalmentDateOutOfRange";
        public const string InstalmentDatesNotIncreasing = "InstalmentDatesNotIncreasing";
        public const string PlanTotalMismatch = "PlanTotalMismatch";
        public const string PlanNotSent = "PlanNotSent";
        public const string WriteDownOutOfRange = "WriteDownOutOfRange";
        public const string WriteDownNotAllowed = "WriteDownNotAllowed";
        public const string ReasonRequired = "ReasonRequired";
        public const string PreferenceRequired = "PreferenceRequired";

        public static readonly IReadOnlyList<string> All =
        [
            OneOf, NotNegative, AtMostRequested, BetweenZeroAndRequested, BelowCurrent, NoLimitForSuspension, NoLimitForReinstatement,
            CommentTooLong, ReturnReasonMissing, NotAnAmount, NotActiveUser, NotOfferedTo, OfferedToNobody, MayNotSeeCase, NotWholeFile,
            KnownLanguages, KnownRoles, OneProcessPerDraft, OtherProcess, PlanRequired, NoSuchVersion, NoRows,
            Required, PlanEmpty, PlanTooLong, InstalmentDateOutOfRange, InstalmentDatesNotIncreasing, PlanTotalMismatch, PlanNotSent, WriteDownOutOfRange, WriteDownNotAllowed, ReasonRequired, PreferenceRequired, "List.Separator",
        ];
    }
}
