using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using OnboardingWorkflow.Application.Cases;

namespace OnboardingWorkflow.Application.Tests.Common;

/// <summary>A refused field is explained in the sender's language, with every entry in every language.</summary>
public sealed partial class FieldTextFacts
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public void Both_languages_have_every_key_with_the_same_placeholders()
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var chinese = Entries(Chinese);

        Assert.Equal(FieldText.Keys.All.Order(), english.Keys.Order());
        Assert.Equal(english.Keys.Order(), chinese.Keys.Order());
        foreach (var (key, text) in english)
        {
            Assert.True(Placeholders(text).SetEquals(Placeholders(chinese[key])), $"{key}: '{text}' and '{chinese[key]}' take different arguments");
            Assert.True(text != chinese[key], $"{key} is not translated");
        }
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh-TW", "zh-CN")]
    [InlineData("fr-FR", "en")]
    public void The_language_follows_the_ui_culture(string uiCulture, string expected)
    {
        using var _ = new UiCulture(uiCulture);

        Assert.Equal(expected, FieldText.Culture.Name);
    }

    [Fact]
    public void A_refused_amount_is_explained_in_the_senders_language()
    {
        var variables = new Dictionary<string, object?> { ["approvedLimit"] = "a lot" };

        string RefusalIn(string culture)
        {
            using var _ = new UiCulture(culture);
            var refused = Assert.Throws<AppException>(() => Amounts.Field(variables, "approvedLimit"));
            return Assert.Single(refused.FieldErrors!["approvedLimit"]);
        }

        Assert.Equal("must be an amount", RefusalIn("en"));
        Assert.Equal("必须是金额", RefusalIn("zh-CN"));
    }

    [Fact]
    public void Amounts_in_a_refusal_are_written_as_the_language_writes_them()
    {
        Assert.Equal("must not exceed the requested limit of 300000", FieldText.Format(CultureInfo.GetCultureInfo("en"), FieldText.Keys.AtMostRequested, 300_000m));
        Assert.Equal("不得超过申请额度 1234.5", FieldText.Format(Chinese, FieldText.Keys.AtMostRequested, 1_234.50m));
        Assert.Equal("可用角色：Sales、Admin。", FieldText.Format(Chinese, FieldText.Keys.KnownRoles, string.Join(FieldText.Format(Chinese, "List.Separator"), ["Sales", "Admin"])));
    }

    [Fact]
    public void A_key_missing_in_a_language_is_an_error_not_english()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FieldText.Format(Chinese, "NoSuchKey"));

        Assert.Contains("NoSuchKey", error.Message);
        Assert.Contains("zh-CN", error.Message);
    }

    private static Dictionary<string, string> Entries(CultureInfo culture)
    {
        var resources = new ResourceManager(typeof(FieldText).FullName!, typeof(FieldText).Assembly);
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!;
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _before = CultureInfo.CurrentUICulture;

        public UiCulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = _before;
    }
}
