using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using OnboardingWorkflow.Application.Notifications;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Tests.Notifications;

/// <summary>Every e-mail exists in every language, with the same arguments, and is formatted in the recipient's culture.</summary>
public sealed partial class MailTextFacts
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static TheoryData<string> Cultures() => [.. Languages.Supported.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_template_has_a_subject_and_a_body_in_every_language(string culture)
    {
        foreach (var template in Mails.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(MailComposer.Text(template.SubjectKey, CultureInfo.GetCultureInfo(culture))), template.SubjectKey);
            Assert.False(string.IsNullOrWhiteSpace(MailComposer.Text(template.BodyKey, CultureInfo.GetCultureInfo(culture))), template.BodyKey);
        }
    }

    [Fact]
    public void Both_languages_have_the_same_entries_with_the_same_placeholders()
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var chinese = Entries(Chinese);

        Assert.Equal(english.Keys.Order(), chinese.Keys.Order());
        foreach (var (key, text) in english)
        {
            Assert.True(Placeholders(text).SetEquals(Placeholders(chinese[key])), $"{key}: '{text}' and '{chinese[key]}' take different arguments");
            Assert.True(text != chinese[key], $"{key} is not translated");
        }
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_document_type_change_kind_and_decision_has_its_words(string culture)
    {
        var language = CultureInfo.GetCultureInfo(culture);
        var keys = Enum.GetValues<DocumentType>().Select(t => MailPhrase.Of(t).Key)
            .Concat(Enum.GetValues<LimitChangeKind>().Select(k => MailPhrase.Of(k).Key))
            .Concat(new[] { OnboardingProcess.Decisions.Approve, OnboardingProcess.Decisions.Reject, OnboardingProcess.Decisions.RequestInfo }.Select(d => "Decision." + d));
        foreach (var key in keys)
        {
            Assert.False(string.IsNullOrWhiteSpace(MailComposer.Text(key, language)), key);
        }
    }

    [Fact]
    public void A_chinese_recipient_reads_amounts_dates_and_words_in_chinese()
    {
        var until = new DateOnly(2027, 3, 31);
        var outcome = new MailPhrase("Outcome.Temporary", 1_250_000m, until, 800_000m);

        var (subject, body) = MailComposer.Compose(Mails.LimitChangeApproved, Chinese, ["东方贸易", MailPhrase.Of(LimitChangeKind.TemporaryIncrease), outcome]);

        Assert.Equal("东方贸易 的额度变更已批准", subject);
        Assert.Equal($"东方贸易 的临时提额申请已批准：额度 1,250,000.00，有效至 {until.ToString("D", Chinese)}，之后恢复为 800,000.00。", body);
        Assert.Contains("2027年3月31日", body);
    }

    [Fact]
    public void An_english_recipient_reads_the_same_mail_in_english()
    {
        var until = new DateOnly(2027, 3, 31);
        var outcome = new MailPhrase("Outcome.Temporary", 1_250_000m, until, 800_000m);

        var (subject, body) = MailComposer.Compose(Mails.LimitChangeApproved, English, ["Acme", MailPhrase.Of(LimitChangeKind.TemporaryIncrease), outcome]);

        Assert.Equal("Limit change for Acme approved", subject);
        Assert.Equal($"The temporary increase for Acme was approved: limit 1,250,000.00 until {until.ToString("D", English)}, then 800,000.00.", body);
        Assert.Contains("March 31, 2027", body);
    }

    [Fact]
    public void A_list_of_phrases_is_joined_the_way_the_language_joins_it()
    {
        IReadOnlyList<object?> args = ["Acme", new[] { DocumentType.BusinessLicence, DocumentType.TaxRecords }.Select(MailPhrase.Of).ToList()];

        Assert.Contains("营业执照、纳税记录", MailComposer.Compose(Mails.DocumentsMissing, Chinese, args).Body);
        Assert.Contains("business licence, tax records", MailComposer.Compose(Mails.DocumentsMissing, English, args).Body);
    }

    [Fact]
    public void A_text_missing_in_a_language_is_an_error_never_a_fallback()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MailComposer.Text("NoSuch.Body", Chinese));

        Assert.Contains("NoSuch.Body", error.Message);
        Assert.Contains("zh-CN", error.Message);
    }

    private static Dictionary<string, string> Entries(CultureInfo culture)
    {
        var resources = new ResourceManager("OnboardingWorkflow.Application.Notifications.MailText", typeof(MailComposer).Assembly);
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!;
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
