using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using OnboardingWorkflow.Web.Cases;
using OnboardingWorkflow.Web.Localization;

namespace OnboardingWorkflow.Web.Tests.Cases;

/// <summary>An early-warning alert's evidence in the user's language: the value in the indicator's unit, the sentence, and the stored figures.</summary>
public sealed class AlertFormatFacts : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();

    private IStringLocalizer<WatchText> Text => _services.GetRequiredService<IStringLocalizer<WatchText>>();

    [Theory]
    [InlineData("OrderVolumeSurge", 2.0, "+200%")]
    [InlineData("OrderVolumeChange", -0.5, "-50%")]
    [InlineData("OverdueRatio", 0.3, "30.0%")]
    [InlineData("MaxDaysPastDue", 45, "45 days")]
    [InlineData("CollectionPeriodTrend", 12.5, "12.5 days")]
    [InlineData("ScoreChange", -35, "-35 points")]
    [InlineData("DeterioratingRatios", 3, "3 ratio(s)")]
    public void A_value_is_written_in_its_indicators_unit(string indicator, double value, string expected)
    {
        Use("en");
        Assert.Equal(expected, AlertFormat.Value(Text, indicator, value));
    }

    [Fact]
    public void The_sentence_names_indicator_value_period_level_and_threshold_in_Chinese()
    {
        Use("zh-CN");
        var sentence = AlertFormat.Sentence(Text, "OrderVolumeSurge", "Alert", 2.0, 1.0, new DateOnly(2026, 10, 3), new DateOnly(2026, 12, 1));

        Assert.Equal("订单量激增在 2026/10/3 至 2026/12/1 期间达到 +200%，已达到或超过警报阈值 +100%。", sentence);
    }

    [Fact]
    public void A_reading_of_one_day_is_told_as_on_that_day()
    {
        Use("en");
        var sentence = AlertFormat.Sentence(Text, "OverdueRatio", "Alert", 0.3, 0.25, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1));

        Assert.Equal("Overdue share of receivables was 30.0% on 12/1/2026, at or beyond the Alert threshold of 25.0%.", sentence);
    }

    [Fact]
    public void Figures_are_labelled_with_amounts_dates_counts_ratios_and_documents_in_the_culture()
    {
        Use("zh-CN");
        var evidence = JsonSerializer.SerializeToElement(new
        {
            overdueAmount = 1234.5m,
            periodDays = 30,
            oldestOverdueDueDate = "2026-10-31",
            ratios = new[] { "currentRatio", "debtRatio" },
            documents = new[] { new { type = "BusinessLicence", expiresOn = "2026-11-30" } },
            previousCollectionPeriodDays = (double?)null,
            somethingNew = "kept as stored",
        });

        var figures = AlertFormat.Figures(Text, evidence);

        Assert.Equal(
        [
            ("逾期金额", "1,234.50"), ("期间天数", "30"), ("最早逾期到期日", "2026/10/31"), ("恶化的比率", "流动比率；资产负债率"),
            ("必备文件", "营业执照（2026/11/30 到期）"), ("somethingNew", "kept as stored"),
        ], figures);
    }

    private static void Use(string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        _services.Dispose();
    }
}
